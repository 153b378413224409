import Fluent
import Foundation

/// One mutation, from any entry point, with who did it. Append only: rows are inserted, never updated.
public final class AuditLog: Model, @unchecked Sendable {
    public static let schema = "audit_logs"

    /// Who caused a mutation.
    public enum ActorType: String, Codable, Sendable {
        case apiKey = "api_key"
        case job, system
    }

    @ID(key: .id) public var id: UUID?

    @Field(key: "occurred_at") public var occurredAt: Date
    @Enum(key: "actor_type") public var actorType: ActorType
    @OptionalField(key: "actor_id") public var actorID: String?
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityID: String
    /// JSON of the changed fields before and after.
    @OptionalField(key: "before") public var before: String?
    @OptionalField(key: "after") public var after: String?
    @OptionalField(key: "request_id") public var requestID: String?

    public init() {}

    public init(
        occurredAt: Date = Date(), actorType: ActorType, actorID: String?, action: String, entityType: String, entityID: String,
        before: String? = nil, after: String? = nil, requestID: String? = nil
    ) {
        self.occurredAt = occurredAt
        self.actorType = actorType
        self.actorID = actorID
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before
        self.after = after
        self.requestID = requestID
    }
}
