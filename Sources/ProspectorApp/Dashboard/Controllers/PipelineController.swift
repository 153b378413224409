import ProspectorServices
import Vapor

/// `GET /pipeline`: deals by stage; `POST /pipeline/deals/:id/stage`: a move (write scope), made in Apollo and
/// mirrored like any other change, so the stage's rules run for it.
struct PipelineController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("pipeline", use: board)
        routes.post("pipeline", "deals", ":dealID", "stage", use: move)
    }

    @Sendable func board(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let page = PipelinePage(chrome: try request.chrome("Pipeline", section: "pipeline"), board: try await request.appServices.deals.board())
        return try await request.page("pipeline", page)
    }

    @Sendable func move(request: Request) async throws -> Response {
        try request.require(scope: .write)
        guard let dealID = request.parameters.get("dealID") else { throw APIError.invalid("dealID", "is required") }
        guard let stageID = try? request.content.get(String.self, at: "stageId"), !stageID.isEmpty else {
            throw APIError.invalid("stageId", "choose the stage to move the deal to")
        }
        _ = try await request.appServices.deals.update(id: dealID, changes: DealChanges(stageId: stageID), actor: try request.auditActor())
        return request.redirect(to: "/pipeline?done=moved")
    }
}
