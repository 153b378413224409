import ApolloIOClient
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
    var before: JSONNode
    var after: JSONNode
    var requestId: String?

    init(_ entry: AuditLog) {
        id = entry.id
        occurredAt = entry.occurredAt
        actorType = entry.actorType.rawValue
        actorId = entry.actorID
        action = entry.action
        entityType = entry.entityType
        entityId = entry.entityID
        before = JSONNode(text: entry.before)
        after = JSONNode(text: entry.after)
        requestId = entry.requestID
    }
}

struct AuditResponse: Content {
    var entries: [AuditEntryDTO]
}
