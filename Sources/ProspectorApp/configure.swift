import Fluent
import JobQueue
import ProspectorData
import Vapor

/// Wires an application from a configuration: database, migrations, routes and commands.
///
/// Nothing here starts work: `serve` migrates, issues the first admin key and starts the Apollo runtime.
public func configure(_ app: Application, configuration: AppConfiguration) throws {
    app.prospectorConfiguration = configuration
    app.lifecycle.use(SQLiteJournalMode())
    try configuration.database.configure(app.databases, connectionsPerEventLoop: configuration.databasePoolSize)
    app.migrations.add(ProspectorMigrations.all)
    app.migrations.add(JobQueueMigrations.all)
    app.http.server.configuration.hostname = configuration.hostname
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = "1mb"
    // Every response carries a request id and every failure the error envelope (Vapor's own error middleware goes).
    app.middleware = Middlewares()
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(APIErrorMiddleware(routes: app.routes))
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: ApolloCallbackController())
    if configuration.metricsEnabled { try app.register(collection: MetricsController(token: configuration.metricsToken)) }
    let api = app.grouped("api").grouped(APIKeyAuthMiddleware(), IdempotencyMiddleware())
    for controller: any RouteCollection in [
        LeadsController(), OrganizationsController(), DealsController(), ContactsController(), JobsController(), CreditsController(),
        KeysController(), AuditController(), EngagementController(), SyncController(), WebhooksController(), RevealsController(),
    ] { try api.register(collection: controller) }
    guard let vaporServe = app.asyncCommands.commands["serve"] else { throw ConfigurationError.missing(key: "serve", reason: "Vapor's serve command is not registered") }
    app.asyncCommands.use(ProspectorServeCommand(vaporServe: vaporServe), as: "serve", isDefault: true)
    app.asyncCommands.use(SimulatorCommand(), as: "simulator")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    app.asyncCommands.use(CreditsCommand(), as: "credits")
    app.asyncCommands.use(KeysCommand(), as: "keys")
    app.asyncCommands.use(SyncCommand(), as: "sync")
}
