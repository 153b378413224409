import FluentKit
import Foundation
import ProspectorData

/// Who caused a mutation: an API key (with the request), a job, or the system.
public struct AuditActor: Sendable, Equatable {
    public var type: AuditLog.ActorType
    public var id: String?
    public var requestID: String?

    public init(type: AuditLog.ActorType, id: String?, requestID: String? = nil) {
        self.type = type
        self.id = id
        self.requestID = requestID
    }

    public static func apiKey(_ id: String, requestID: String) -> AuditActor { AuditActor(type: .apiKey, id: id, requestID: requestID) }
    public static func job(_ id: Int64) -> AuditActor { AuditActor(type: .job, id: String(id)) }
    public static let system = AuditActor(type: .system, id: nil)
    /// An operator at the command line.
    public static let commandLine = AuditActor(type: .system, id: "cli")
}

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
