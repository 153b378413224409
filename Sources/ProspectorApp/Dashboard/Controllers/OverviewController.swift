import ProspectorServices
import Vapor

/// `GET /`: the overview, for any signed-in key.
struct OverviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: overview)
    }

    @Sendable func overview(request: Request) async throws -> Response {
        let keyID = try request.require(scope: .read)
        let services = try request.appServices
        let configuration = request.application.prospectorConfiguration
        let page = OverviewPage(
            chrome: try request.chrome("Overview", section: "overview"),
            mode: request.application.apollo?.mode.rawValue ?? (configuration.isSandbox ? "sandbox" : "live"),
            plan: configuration.resilience.plan.name, groups: try await services.rateLimits.groups(),
            credits: try await services.credits.report(apiKeyID: keyID), days: try await services.credits.daily(days: 30),
            depths: try await services.jobs.depths(), syncs: try await services.syncStatus.statuses())
        return try await request.page("overview", page)
    }
}
