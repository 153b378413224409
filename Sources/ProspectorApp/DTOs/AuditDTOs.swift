import Foundation
import ProspectorData
import Vapor

struct AuditEntryDTO: Content {
    var id: UUID?
    var occurredAt: Date
    var actorType: String
    var actorId: String?
    var action: String
    var entityType: String
    var entityId: String
    var before: AnyJSON
    var after: AnyJSON
    var requestId: String?

    init(_ entry: AuditLog) {
        id = entry.id
        occurredAt = entry.occurredAt
        actorType = entry.actorType.rawValue
        actorId = entry.actorID
        action = entry.action
        entityType = entry.entityType
        entityId = entry.entityID
        before = AnyJSON(text: entry.before)
        after = AnyJSON(text: entry.after)
        requestId = entry.requestID
    }
}

struct AuditResponse: Content {
    var entries: [AuditEntryDTO]
}
