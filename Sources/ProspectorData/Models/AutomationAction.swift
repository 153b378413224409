import Fluent
import Foundation

/// One action automation took for one event (a rule's tasks, say), recorded before it is carried out so that a
/// re-delivered event or a retried job never does it twice.
public final class AutomationAction: Model, @unchecked Sendable {
    public static let schema = "automation_actions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    /// What was done, e.g. `tasks:0:1` (rule 0, task spec 1).
    @Field(key: "action_key") public var actionKey: String
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(eventID: UUID, actionKey: String, createdAt: Date = Date()) {
        self.eventID = eventID
        self.actionKey = actionKey
        self.createdAt = createdAt
    }
}
