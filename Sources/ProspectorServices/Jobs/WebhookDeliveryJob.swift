import Foundation
import JobQueue

/// `webhook.deliver`: sends one delivery, signed; a receiver that does not accept it makes the attempt fail (retried
/// with the queue's backoff).
public struct WebhookDeliveryJob: ProspectorJob {
    public static let kind = "webhook.deliver"
    public static let queue = QueueName.automation
    public static let maxAttempts = 8

    public struct Payload: Codable, Sendable, Equatable {
        public var deliveryId: UUID

        public init(deliveryId: UUID) { self.deliveryId = deliveryId }
    }

    let service: WebhookService

    public init(service: WebhookService) {
        self.service = service
    }

    public static func uniqueKey(for payload: Payload) -> String? { "webhook:\(payload.deliveryId.uuidString)" }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        try await service.deliver(payload.deliveryId)
        return .complete()
    }
}
