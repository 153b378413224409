import FluentKit
import Foundation
import ProspectorData

/// Writes one audit entry per mutation, in the caller's transaction, with the state before and after as JSON.
public struct AuditService: Sendable {
    public init() {}

    public func record(
        _ action: String, entityType: String, entityID: String, before: (any Encodable)? = nil, after: (any Encodable)? = nil,
        actor: AuditActor, on database: any Database
    ) async throws {
        try await AuditLog(
            actorType: actor.type, actorID: actor.id, action: action, entityType: entityType, entityID: entityID,
            before: try before.map(Self.json), after: try after.map(Self.json), requestID: actor.requestID
        ).create(on: database)
    }

    static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
