import Fluent
import ProspectorData
import Vapor

/// `prospector serve`: migrates, issues the first admin key, starts the Apollo runtime (sandbox when no key) and serves HTTP.
struct ProspectorServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1)")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port to listen on (default PORT or 8080)")
        var port: Int?

        @Flag(name: "no-worker", help: "Serve HTTP only; run jobs in separate `prospector worker` processes")
        var noWorker: Bool
    }

    /// Vapor's own serve command, which this one runs once Prospector is ready.
    let vaporServe: any AnyAsyncCommand

    var help: String { "Runs the HTTP API (and, in sandbox mode, the built-in Apollo simulator)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let hostname = signature.hostname { app.http.server.configuration.hostname = hostname }
        if let port = signature.port { app.http.server.configuration.port = port }
        app.logger.info("starting Prospector", metadata: ["configuration": "\(app.prospectorConfiguration)"])
        try await app.autoMigrate()
        try await issueFirstAdminKey(app)
        let runtime = try await ApolloRuntime.start(app.prospectorConfiguration, database: app.db, logger: app.logger)
        app.apollo = runtime
        if runtime.mode == .live, app.prospectorConfiguration.publicBaseURL == nil {
            app.logger.warning("""
                PUBLIC_BASE_URL is unset: Apollo cannot reach this server to deliver revealed phones; each result is polled \
                REVEALS_POLL_AFTER_SECONDS after its request instead
                """)
        }
        app.lifecycle.use(ApolloRuntimeShutdown(runtime: runtime))
        Task { [logger = app.logger] in await runtime.refineLimits(logger: logger) }
        if !signature.noWorker {
            let host = try WorkerHost(app: app, queues: app.prospectorConfiguration.workerQueues, registry: ProspectorJobs.registry(app: app, apollo: runtime))
            app.lifecycle.use(WorkerShutdown(host: host))
        }
        var serveContext = context
        serveContext.input.arguments = []
        try await vaporServe.run(using: &serveContext)
    }

    /// On the first start (no active admin key) a key is created and printed once, alone on its line.
    private func issueFirstAdminKey(_ app: Application) async throws {
        let store = APIKeyStore(database: app.db)
        guard try await !store.hasActiveAdmin() else { return }
        let (_, plaintext) = try await store.create(name: "admin (first start)", scopes: APIKeyStore.allScopes)
        FileHandle.standardOutput.write(Data("Admin API key: \(plaintext)\n".utf8))
        app.logger.notice("created the first admin API key; it is printed once on stdout and stored only as a hash")
    }
}

/// Stops the sandbox simulator when the application shuts down.
struct ApolloRuntimeShutdown: LifecycleHandler {
    let runtime: ApolloRuntime

    func shutdownAsync(_ application: Application) async {
        await runtime.shutdown()
    }
}
