import Fluent
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import RedisClient
import Vapor

/// The one composition root. Every role — `serve`, `worker`, a CLI command, the test harness — is built here, in
/// one order: configuration → database → migrations → Apollo runtime → services → job registry → worker host.
public enum Boot {
    /// Wires what needs no I/O: configuration, the database, migrations to run, middleware, routes and commands.
    public static func configure(_ app: Application, configuration: AppConfiguration) throws {
        app.prospectorConfiguration = configuration
        app.lifecycle.use(SQLiteJournalMode())
        try configuration.database.configure(app.databases, connectionsPerEventLoop: configuration.databasePoolSize)
        app.migrations.add(ProspectorMigrations.all)
        app.migrations.add(JobQueueMigrations.all)
        app.http.server.configuration.hostname = configuration.hostname
        app.http.server.configuration.port = configuration.port
        try APIRoutes.register(on: app, configuration: configuration)
        ProspectorCommands.register(on: app)
    }

    /// Migrates, starts the Apollo runtime and a worker when the role asks for them, and builds the services.
    public static func start(_ app: Application, as role: BootRole) async throws -> BootedProspector {
        let configuration = app.prospectorConfiguration
        try await DatabaseStartup(
            database: app.db, engine: configuration.database.engine,
            waitSeconds: role.waitsForDatabase ? configuration.databaseStartupWaitSeconds : 0, logger: app.logger
        ).waitUntilReachable()
        try await app.autoMigrate()
        let apollo = role.startsApollo ? try await ApolloRuntime.start(configuration, database: app.db, logger: app.logger) : nil
        if let apollo {
            if role.issuesFirstAdminKey { warnIfCallbacksCannotArrive(apollo, configuration: configuration, logger: app.logger) }
            switch role.limitRefinement {
            case .never: break
            case .inBackground: Task { [logger = app.logger] in await apollo.refineLimits(logger: logger) }
            case .beforeRunning: await apollo.refineLimits(logger: app.logger)
            }
        }
        // Jobs added by name go to BullMQ queues on Redis when configured; nothing is sent until a job is added.
        let jobsRedis = configuration.jobsBackend.redis.map { RedisPool($0) }
        if let jobsRedis {
            app.logger.notice("jobs added by name go to Redis (BullMQ's layout)", metadata: ["redis": "\(jobsRedis.configuration.redacted)"])
        }
        let protection = configuration.dataProtection
        let suppressionKey = try await SuppressionKey.load(configured: protection.suppressionSecret, on: app.db)
        let services = AppServices(
            database: app.db, apollo: apollo.map { ApolloAccess(client: $0.client) },
            settings: ServiceSettings(
                budget: configuration.resilience.budget, stageRules: configuration.stageRules,
                revealPollAfterSeconds: configuration.revealPollAfterSeconds,
                matchFreshnessSeconds: configuration.resilience.matchFreshnessDays * 86_400,
                missFreshnessSeconds: configuration.resilience.missFreshnessDays * 86_400, clock: configuration.resilience.clock,
                suppressionKey: suppressionKey, approvalThresholdCredits: protection.approvalThresholdCredits,
                approvalTTLSeconds: protection.approvalTTLHours * 3_600, retention: protection.retention,
                ratePlan: configuration.resilience.plan, dashboardSessionSeconds: configuration.dashboardSessionHours * 3_600),
            callbackBaseURL: { [app] in app.callbackBaseURL }, jobsRedis: jobsRedis)
        app.setServices(services)
        app.apollo = apollo
        do {
            if role.issuesFirstAdminKey, let plaintext = try await services.keys.issueFirstAdminKey() {
                FileHandle.standardOutput.write(Data("Admin API key: \(plaintext)\n".utf8))
                app.logger.notice("created the first admin API key; it is printed once on stdout and stored only as a hash")
            }
            let worker = try role.workerQueues.map {
                try WorkerHost(services: services, configuration: configuration, queues: $0, logger: app.logger)
            }
            return BootedProspector(services: services, apollo: apollo, worker: worker)
        } catch {
            await apollo?.shutdown()
            await jobsRedis?.shutdown()
            throw error
        }
    }

    private static func warnIfCallbacksCannotArrive(_ apollo: ApolloRuntime, configuration: AppConfiguration, logger: Logger) {
        guard apollo.mode == .live, configuration.publicBaseURL == nil else { return }
        logger.warning(
            """
            PUBLIC_BASE_URL is unset: Apollo cannot reach this server to deliver revealed phones; each result is polled \
            REVEALS_POLL_AFTER_SECONDS after its request instead
            """)
    }
}

extension Application {
    /// Where Apollo posts reveal results: `PUBLIC_BASE_URL`, else the address this server listens on (the built-in
    /// simulator reaches it; the real Apollo does not, and the poll takes the result instead).
    var callbackBaseURL: String {
        if let configured = prospectorConfiguration.publicBaseURL { return configured }
        let hostname = http.server.configuration.hostname
        let host = ["0.0.0.0", "::", ""].contains(hostname) ? "127.0.0.1" : hostname.contains(":") ? "[\(hostname)]" : hostname
        return "http://\(host):\(http.server.shared.localAddress?.port ?? http.server.configuration.port)"
    }
}
