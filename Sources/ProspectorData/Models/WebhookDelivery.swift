import Fluent
import Foundation

/// One event sent (or to be sent) to one subscription, with what the receiver answered.
public final class WebhookDelivery: Model, @unchecked Sendable {
    public static let schema = "webhook_deliveries"

    /// Where a delivery stands.
    public enum State: String, Codable, Sendable { case pending, delivered, failed }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "subscription_id") public var subscription: WebhookSubscription
    @Parent(key: "event_id") public var event: DomainEvent
    @Enum(key: "state") public var state: State
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "response_code") public var responseCode: Int?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(subscriptionID: UUID, eventID: UUID) {
        self.$subscription.id = subscriptionID
        self.$event.id = eventID
        self.state = .pending
        self.attempts = 0
    }
}
