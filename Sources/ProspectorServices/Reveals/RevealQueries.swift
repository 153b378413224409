import FluentKit
import Foundation
import ProspectorData

extension PhoneRevealService {
    /// The names a reveal's status is filtered by.
    public static let statusNames = ["requesting", "pending", "completed", "failed"]

    /// The newest 100 reveals, optionally in one status (by name).
    public func list(status: String?) async throws -> [PhoneReveal] {
        var query = PhoneReveal.query(on: database).sort(\.$createdAt, .descending).limit(100)
        if let status {
            guard let parsed = PhoneReveal.Status(rawValue: status) else {
                throw ServiceError.invalid(field: "status", problem: "must be one of \(Self.statusNames.joined(separator: ", "))")
            }
            query = query.filter(\.$status == parsed)
        }
        return try await query.all()
    }

    /// One reveal; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ id: UUID) async throws -> PhoneReveal {
        guard let reveal = try await PhoneReveal.find(id, on: database) else { throw ServiceError.notFound("no such reveal") }
        return reveal
    }
}
