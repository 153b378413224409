import ProspectorServices
import Vapor

/// `GET /api/credits`: credits spent today and this month, by everyone, by the calling key and by endpoint, and
/// what the budgets leave.
struct CreditsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("credits", use: show)
    }

    @Sendable func show(request: Request) async throws -> CreditsResponse {
        let keyID = try request.require(scope: .read)
        return CreditsResponse(try await request.appServices.credits.report(apiKeyID: keyID))
    }
}
