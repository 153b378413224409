import Vapor

/// The simulator as an HTTP server: in process (tests, sandbox) or standalone (`prospector simulator`).
public final class SimulatorServer: Sendable {
    /// The state behind the routes, for in-process control.
    public let engine: SimulatorEngine
    /// The port actually bound (useful when 0 was asked for).
    public let port: Int
    /// Where Apollo's API is served: `http://<host>:<port>/api/v1`.
    public let baseURL: String
    /// Where the control API is served.
    public let controlURL: String
    private let app: Application
    private let dispatcher: Task<Void, Never>

    private init(engine: SimulatorEngine, app: Application, host: String, port: Int, dispatcher: Task<Void, Never>) {
        self.engine = engine
        self.app = app
        self.port = port
        self.baseURL = "http://\(host):\(port)/api/v1"
        self.controlURL = "http://\(host):\(port)/__simulator"
        self.dispatcher = dispatcher
    }

    /// Registers the Apollo routes and the control API on an application.
    public static func configure(_ app: Application, engine: SimulatorEngine) {
        app.routes.defaultMaxBodySize = "10mb"
        ApolloRoutes(engine: engine).register(on: app)
        ControlRoutes(engine: engine).register(on: app)
    }

    /// Starts a simulator on `host:port` (0 picks a free port) and returns once it accepts connections.
    public static func start(
        configuration: SimulatorConfiguration = SimulatorConfiguration(), host: String = "127.0.0.1", port: Int = 0,
        logger: Logger = Logger(label: "apollo.simulator")
    ) async throws -> SimulatorServer {
        let engine = SimulatorEngine(configuration: configuration)
        let app = try await Application.make(.custom(name: "simulator"))
        app.logger = logger
        app.logger.logLevel = .warning
        configure(app, engine: engine)
        app.http.server.configuration.hostname = host
        app.http.server.configuration.port = port
        do {
            try await app.server.start(address: .hostname(host, port: port))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let bound = app.http.server.shared.localAddress?.port ?? port
        let dispatcher = Task { await WebhookDispatcher(engine: engine, logger: logger).run() }
        return SimulatorServer(engine: engine, app: app, host: host, port: bound, dispatcher: dispatcher)
    }

    /// Stops the server and its webhook deliveries.
    public func shutdown() async {
        dispatcher.cancel()
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    /// Runs a webhook dispatcher for an engine served by another application (the standalone command).
    public static func runWebhookDispatcher(engine: SimulatorEngine, logger: Logger) async {
        await WebhookDispatcher(engine: engine, logger: logger).run()
    }
}
