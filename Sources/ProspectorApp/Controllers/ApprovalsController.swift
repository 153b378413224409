import Foundation
import ProspectorServices
import Vapor

/// Spend approvals (admin): bulk enrichment held above `CREDITS_APPROVAL_THRESHOLD`, approved or rejected here.
struct ApprovalsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let approvals = routes.grouped("approvals")
        approvals.get(use: list)
        approvals.get(":id", use: show)
        approvals.post(":id", "approve", use: approve)
        approvals.post(":id", "reject", use: reject)
    }

    @Sendable func list(request: Request) async throws -> SpendApprovalsResponse {
        try request.require(scope: .admin)
        let status = try request.query[String.self, at: "status"].map { name in
            guard let status = SpendApprovalStatus(rawValue: name) else {
                throw APIError.invalid("status", "must be one of \(SpendApprovalStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        let limit = try request.queryInteger("limit", default: 100, 1...1_000)
        return SpendApprovalsResponse(
            approvals: try await request.appServices.approvals.list(status: status, limit: limit).map(SpendApprovalDTO.init))
    }

    @Sendable func show(request: Request) async throws -> SpendApprovalResponse {
        try request.require(scope: .admin)
        return SpendApprovalResponse(
            approval: SpendApprovalDTO(try await request.appServices.approvals.find(try request.uuidParameter("an approval id"))))
    }

    @Sendable func approve(request: Request) async throws -> SpendApprovalResponse {
        try request.require(scope: .admin)
        let approval = try await request.appServices.approvals.approve(try request.uuidParameter("an approval id"), actor: request.auditActor())
        return SpendApprovalResponse(approval: SpendApprovalDTO(approval))
    }

    @Sendable func reject(request: Request) async throws -> SpendApprovalResponse {
        try request.require(scope: .admin)
        let approval = try await request.appServices.approvals.reject(try request.uuidParameter("an approval id"), actor: request.auditActor())
        return SpendApprovalResponse(approval: SpendApprovalDTO(approval))
    }
}
