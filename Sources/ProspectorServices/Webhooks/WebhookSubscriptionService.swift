import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Outbound webhook subscriptions: created with a signing secret (returned once), listed, deleted, their delivery
/// log read, and one delivery sent again.
public struct WebhookSubscriptionService: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Subscribes `url` to `eventTypes`; a secret is made when none is given. Returns the subscription and its secret.
    public func create(url: String, eventTypes: [String], secret: String?) async throws -> (subscription: WebhookSubscription, secret: String) {
        let secret = secret ?? WebhookSignature.newSecret()
        let subscription = WebhookSubscription(url: url, secret: secret, eventTypes: eventTypes)
        try await subscription.create(on: database)
        return (subscription, secret)
    }

    /// Every subscription, oldest first.
    public func list() async throws -> [WebhookSubscription] {
        try await WebhookSubscription.query(on: database).sort(\.$createdAt).all()
    }

    /// Deletes a subscription (and, by the schema, its deliveries).
    public func delete(_ id: UUID) async throws {
        try await find(id).delete(on: database)
    }

    /// The newest 200 deliveries of a subscription, with their events.
    public func deliveries(of id: UUID) async throws -> [WebhookDelivery] {
        let subscription = try await find(id)
        return try await WebhookDelivery.query(on: database).filter(\.$subscription.$id == subscription.requireID())
            .with(\.$event).sort(\.$createdAt, .descending).limit(200).all()
    }

    /// Marks a delivery pending and enqueues its job, in one transaction: both happen or neither.
    public func redeliver(_ deliveryID: UUID) async throws -> (jobID: Int64, delivery: WebhookDelivery) {
        try await database.safeTransaction { transaction in
            guard let delivery = try await WebhookDelivery.query(on: transaction).filter(\.$id == deliveryID).with(\.$event).first() else {
                throw ServiceError.notFound("no such delivery")
            }
            delivery.state = .pending
            try await delivery.save(on: transaction)
            let job = try await WebhookDeliveryJob.enqueue(WebhookDeliveryJob.Payload(deliveryId: deliveryID), on: transaction)
            return (job.id, delivery)
        }
    }

    private func find(_ id: UUID) async throws -> WebhookSubscription {
        guard let subscription = try await WebhookSubscription.find(id, on: database) else { throw ServiceError.notFound("no webhook \(id)") }
        return subscription
    }
}
