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
