import Vapor

/// Every route of the HTTP API, behind its middleware.
enum APIRoutes {
    static func register(on app: Application, configuration: AppConfiguration) throws {
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
            SuppressionsController(), ApprovalsController(),
        ] { try api.register(collection: controller) }
        try DashboardRoutes.register(on: app)
    }
}
