import AsyncHTTPClient
import FluentKit
import Foundation
import JobQueue
import NIOCore
import ProspectorData

/// Outbound webhooks: each domain event a subscription wants becomes a delivery, sent signed by a job, retried with
/// the queue's backoff, logged with the receiver's status; a subscription whose deliveries keep failing is
/// disabled with the reason.
public struct WebhookService: Sendable {
    /// Consecutive failed attempts after which a subscription is disabled.
    public static let disableAfter = 20

    let database: any Database
    let httpClient: HTTPClient

    public init(database: any Database, httpClient: HTTPClient = .shared) {
        self.database = database
        self.httpClient = httpClient
    }

    /// Creates the deliveries of one event and enqueues their jobs (in the caller's transaction).
    public static func fanOut(_ event: DomainEvent, on database: any Database) async throws {
        let eventID = try event.requireID()
        for subscription in try await WebhookSubscription.query(on: database).filter(\.$active == true).all() where subscription.wants(event.type) {
            let delivery = WebhookDelivery(subscriptionID: try subscription.requireID(), eventID: eventID)
            do {
                try await delivery.create(on: database)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // already fanned out
            }
            _ = try await WebhookDeliveryJob.enqueue(WebhookDeliveryJob.Payload(deliveryId: try delivery.requireID()), on: database)
        }
    }

    /// Sends one delivery once; throws when the receiver did not accept it (the job retries).
    public func deliver(_ deliveryID: UUID) async throws {
        guard let delivery = try await WebhookDelivery.query(on: database).filter(\.$id == deliveryID).with(\.$subscription).with(\.$event).first(),
            delivery.state != .delivered
        else { return }
        let subscription = delivery.subscription
        guard subscription.active else { return }
        let event = delivery.event
        let body = Array(try Self.body(event).utf8)
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: subscription.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: WebhookSignature.eventHeader, value: try event.requireID().uuidString)
        request.headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
        request.headers.add(
            name: WebhookSignature.signatureHeader, value: WebhookSignature.sign(secret: subscription.secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        delivery.attempts += 1
        var failure: String?
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(10))
            delivery.responseCode = Int(response.status.code)
            if !(200..<300).contains(response.status.code) { failure = "the receiver answered \(response.status.code)" }
        } catch {
            failure = "\(error)"
        }
        if let failure {
            delivery.state = .failed
            delivery.lastError = failure
            subscription.consecutiveFailures += 1
            if subscription.consecutiveFailures >= Self.disableAfter {
                subscription.active = false
                subscription.disabledReason = "\(subscription.consecutiveFailures) consecutive failed deliveries; the last: \(failure)"
            }
        } else {
            delivery.state = .delivered
            delivery.deliveredAt = Date()
            delivery.lastError = nil
            subscription.consecutiveFailures = 0
        }
        try await delivery.save(on: database)
        try await subscription.save(on: database)
        if let failure { throw WebhookError.notAccepted(failure) }
    }

    /// The JSON a receiver gets.
    static func body(_ event: DomainEvent) throws -> String {
        let payload = try JSONSerialization.jsonObject(with: Data(event.payload.utf8), options: [.fragmentsAllowed])
        let formatter = ISO8601DateFormatter()
        let object: [String: Any] = [
            "id": try event.requireID().uuidString, "type": event.type, "entityType": event.entityType,
            "entityId": event.entityID, "occurredAt": formatter.string(from: event.occurredAt), "data": payload,
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// A delivery the receiver did not accept.
public enum WebhookError: Error, CustomStringConvertible {
    case notAccepted(String)
    public var description: String {
        switch self {
        case .notAccepted(let reason): reason
        }
    }
}
