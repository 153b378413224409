import ServiceLifecycle
import Vapor

/// `prospector serve`: migrates, issues the first admin key, starts the Apollo runtime (sandbox when no key), a
/// worker, and the HTTP server, as one service group: SIGTERM stops the server, then the worker, then Apollo.
struct ProspectorServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1)")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port to listen on (default PORT or 8080)")
        var port: Int?

        @Flag(name: "no-worker", help: "Serve HTTP only; run jobs in separate `prospector worker` processes")
        var noWorker: Bool
    }

    var help: String { "Runs the HTTP API (and, in sandbox mode, the built-in Apollo simulator)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let hostname = signature.hostname { app.http.server.configuration.hostname = hostname }
        if let port = signature.port { app.http.server.configuration.port = port }
        app.logger.info("starting Prospector", metadata: ["configuration": "\(app.prospectorConfiguration)"])
        let booted = try await Boot.start(app, as: .serve(workerQueues: signature.noWorker ? nil : app.prospectorConfiguration.workerQueues))
        try await ServiceGroup.runUntilSignalled(booted.lifecycleServices(logger: app.logger) + [HTTPServerService(app: app)], logger: app.logger)
    }
}

extension ServiceGroup {
    /// Runs `services` until SIGTERM or SIGINT, then stops them in reverse order.
    static func runUntilSignalled(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
