import Fluent
import Foundation

/// Where domain events are sent: a URL, the secret deliveries are signed with, and the event types wanted.
public final class WebhookSubscription: Model, @unchecked Sendable {
    public static let schema = "webhook_subscriptions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "url") public var url: String
    @Field(key: "secret") public var secret: String
    /// Event types (`deal.stage_changed`, …), or `*` for all.
    @Field(key: "event_types") public var eventTypes: [String]
    @Field(key: "active") public var active: Bool
    @OptionalField(key: "disabled_reason") public var disabledReason: String?
    @Field(key: "consecutive_failures") public var consecutiveFailures: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(url: String, secret: String, eventTypes: [String]) {
        self.url = url
        self.secret = secret
        self.eventTypes = eventTypes
        self.active = true
        self.consecutiveFailures = 0
    }

    public func wants(_ type: String) -> Bool { active && (eventTypes.contains("*") || eventTypes.contains(type)) }
}
