import Fluent
import Foundation

/// A change detected in Apollo, written in the same transaction as the change (the outbox): contact created or
/// updated, account created or updated, deal created, deal stage / amount / owner changed, record deleted.
public final class DomainEvent: Model, @unchecked Sendable {
    public static let schema = "domain_events"

    @ID(key: .id) public var id: UUID?

    /// `contact.created`, `deal.stage_changed`, …
    @Field(key: "type") public var type: String
    @Field(key: "entity_type") public var entityType: String
    /// The Apollo id of the record.
    @Field(key: "entity_id") public var entityID: String
    /// JSON: what changed (`{"from": …, "to": …}`) or the record.
    @Field(key: "payload") public var payload: String
    @Field(key: "occurred_at") public var occurredAt: Date
    /// Set once the automation has taken the event.
    @OptionalField(key: "dispatched_at") public var dispatchedAt: Date?

    public init() {}

    public init(type: String, entityType: String, entityID: String, payload: String, occurredAt: Date = Date()) {
        self.type = type
        self.entityType = entityType
        self.entityID = entityID
        self.payload = payload
        self.occurredAt = occurredAt
    }
}
