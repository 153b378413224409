import Dispatch
import JobQueue
import Vapor

/// `prospector worker [--queues enrich=3,sync=1]`: runs jobs until SIGTERM or SIGINT, then shuts down gracefully.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "queues", help: "Queues and concurrency, e.g. enrich=3,sync=1 (default WORKER_QUEUES)")
        var queues: String?
    }

    var help: String { "Runs a job worker process." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let queues = try signature.queues.map { try WorkerOptions.parseQueues($0) } ?? app.prospectorConfiguration.workerQueues
        try await app.autoMigrate()
        let runtime = try await ApolloRuntime.start(app.prospectorConfiguration, database: app.db, logger: app.logger)
        app.apollo = runtime
        await runtime.refineLimits(logger: app.logger)
        let host = try WorkerHost(app: app, queues: queues, registry: ProspectorJobs.registry(app: app, apollo: runtime))
        let signals = host.worker.shutdownOnSignals()
        context.console.print("worker running queues \(queues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))")
        await host.waitUntilStopped()
        signals.forEach { $0.cancel() }
        await runtime.shutdown()
        context.console.print("worker stopped")
    }
}
