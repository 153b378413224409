import Logging
import ProspectorServices
import ServiceLifecycle

/// What ``Boot`` built for a process: its services, the Apollo runtime and the worker, when the role has them.
public final class BootedProspector: Sendable {
    public let services: AppServices
    public let apollo: ApolloRuntime?
    public let worker: WorkerHost?

    init(services: AppServices, apollo: ApolloRuntime?, worker: WorkerHost?) {
        self.services = services
        self.apollo = apollo
        self.worker = worker
    }

    /// Stops what runs, in order: the worker (running jobs finish or are released), then the Apollo runtime.
    public func shutdown() async {
        await worker?.shutdown()
        await apollo?.shutdown()
        await services.jobsRedis?.shutdown()
    }

    /// The background parts as lifecycle services, in start order (a service group stops them in reverse): the
    /// Apollo runtime first, the worker after it.
    public func lifecycleServices(logger: Logger) -> [any Service] {
        var services: [any Service] = []
        if let apollo { services.append(ApolloRuntimeService(runtime: apollo, logger: logger)) }
        if let worker { services.append(WorkerService(host: worker)) }
        return services
    }
}
