import Foundation
import ProspectorData
import Vapor

/// `POST /api/webhooks`.
struct CreateWebhookBody: RequestBody {
    var url: String
    var eventTypes: [String]
    /// The signing secret; generated when absent.
    var secret: String?

    static let eventTypes = [
        "*", "contact.created", "contact.updated", "account.created", "account.updated", "deal.created",
        "deal.stage_changed", "deal.amount_changed", "deal.owner_changed", "record.deleted",
    ]

    func validate() throws(APIError) {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil, url.count <= 2_000 else {
            throw .invalid("url", "must be an http(s) URL")
        }
        guard !eventTypes.isEmpty else { throw .invalid("eventTypes", "must name at least one event type") }
        for (index, type) in eventTypes.enumerated() where !Self.eventTypes.contains(type) {
            throw .invalid("eventTypes[\(index)]", "must be one of \(Self.eventTypes.joined(separator: ", "))")
        }
        if let secret, !(16...200).contains(secret.unicodeScalars.count) { throw .invalid("secret", "must be 16 to 200 characters") }
    }
}

struct WebhookDTO: Content {
    var id: UUID
    var url: String
    var eventTypes: [String]
    var active: Bool
    var disabledReason: String?
    var consecutiveFailures: Int

    init(_ subscription: WebhookSubscription) throws {
        id = try subscription.requireID()
        url = subscription.url
        eventTypes = subscription.eventTypes
        active = subscription.active
        disabledReason = subscription.disabledReason
        consecutiveFailures = subscription.consecutiveFailures
    }
}

struct CreatedWebhookResponse: Content {
    var webhook: WebhookDTO
    /// The signing secret, shown once.
    var secret: String
}

struct WebhooksResponse: Content {
    var webhooks: [WebhookDTO]
}

struct DeliveryDTO: Content {
    var id: UUID
    var eventId: UUID
    var eventType: String
    var state: String
    var attempts: Int
    var responseCode: Int?
    var lastError: String?
    var deliveredAt: Date?

    init(_ delivery: WebhookDelivery) throws {
        id = try delivery.requireID()
        eventId = delivery.$event.id
        eventType = delivery.event.type
        state = delivery.state.rawValue
        attempts = delivery.attempts
        responseCode = delivery.responseCode
        lastError = delivery.lastError
        deliveredAt = delivery.deliveredAt
    }
}

struct DeliveriesResponse: Content {
    var deliveries: [DeliveryDTO]
}

struct RedeliveryResponse: Content {
    var jobId: Int64
    var delivery: DeliveryDTO
}
