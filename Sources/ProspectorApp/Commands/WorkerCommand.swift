import ServiceLifecycle
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
        let queues = try signature.queues.map { try AppConfiguration.parseWorkerQueues($0) } ?? app.prospectorConfiguration.workerQueues
        let booted = try await Boot.start(app, as: .worker(queues: queues))
        context.console.print("worker running queues \(queues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))")
        try await ServiceGroup.runUntilSignalled(booted.lifecycleServices(logger: app.logger), logger: app.logger)
        context.console.print("worker stopped")
    }
}
