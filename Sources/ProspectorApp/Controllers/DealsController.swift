import ApolloIOClient
import Vapor

/// Deals: create (the reference's `{dealId, name}`), list by page, show, update, stages.
struct DealsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let deals = routes.grouped("deals")
        deals.post(use: create)
        deals.get(use: list)
        deals.get("stages", use: stages)
        deals.get(":id", use: show)
        deals.patch(":id", use: update)
    }

    @Sendable func create(request: Request) async throws -> Response {
        try request.require(scope: .write)
        let body = try JSONBody.decode(CreateDealBody.self, from: request)
        let deal = try await request.appServices.deals.create(
            name: body.name, amount: body.amount, ownerId: body.ownerId, accountId: body.accountId, stageId: body.stageId,
            contactIDs: body.contactIds ?? [], actor: request.auditActor())
        let response = Response(status: .created)
        try response.content.encode(CreatedDealResponse(dealId: deal.id, name: deal.name), as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/deals/\(deal.id)")
        return response
    }

    @Sendable func list(request: Request) async throws -> DealsResponse {
        try request.require(scope: .read)
        let page = try request.queryInteger("page", default: 1, 1...500)
        // Pages of 50 unless asked otherwise, as in the reference architecture.
        let perPage = try request.queryInteger("perPage", default: 50, 1...100)
        let result = try await request.appServices.deals.list(page: page, perPage: perPage)
        return DealsResponse(
            deals: result.deals.map(DealDTO.init),
            pagination: PaginationDTO(
                page: page, perPage: perPage, totalEntries: result.pagination?.totalEntries, totalPages: result.pagination?.totalPages))
    }

    @Sendable func show(request: Request) async throws -> DealResponse {
        try request.require(scope: .read)
        return DealResponse(deal: DealDTO(try await request.appServices.deals.show(id: try Self.id(request))))
    }

    @Sendable func update(request: Request) async throws -> DealResponse {
        try request.require(scope: .write)
        let body = try JSONBody.decode(UpdateDealBody.self, from: request)
        return DealResponse(
            deal: DealDTO(try await request.appServices.deals.update(id: try Self.id(request), changes: body.changes, actor: request.auditActor())))
    }

    private static let stagesJSON = EncodedAnswerMemo<StagesResponse>()

    @Sendable func stages(request: Request) async throws -> Response {
        try request.require(scope: .read)
        return try Self.stagesJSON.response(
            for: StagesResponse(
                stages: try await request.appServices.deals.stages().map {
                    StageDTO(
                        id: $0.id, name: $0.name, order: $0.displayOrder, displayOrder: $0.displayOrder, isWon: $0.isWon, isClosed: $0.isClosed,
                        probability: $0.probability)
                }))
    }

    static func id(_ request: Request) throws -> String {
        guard let id = request.parameters.get("id"), ApolloID.isWellFormed(id) else {
            throw APIError.invalid("id", "must be a deal id: 24 lowercase hex characters")
        }
        return id
    }
}
