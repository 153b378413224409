import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// The fallback when a reveal's callback does not arrive (`reveal.poll`): scheduled when the reveal is accepted, it
/// asks `GET /webhook_result/{request_id}`, waits as long as Apollo says while the result is pending, and applies it
/// through ``RevealDelivery`` (a no-op if the callback came first).
public struct PhoneRevealPollJob: ProspectorJob {
    public static let kind = "reveal.poll"
    public static let queue = QueueName.enrich
    public static let maxAttempts = 10
    /// A reveal still pending this long after its request is given up (Apollo's deliveries take minutes).
    public static let giveUpAfterSeconds = 86_400.0

    public struct Payload: Codable, Sendable, Equatable {
        public var revealId: UUID
        /// The API key that asked for the reveal (absent in polls queued before it was recorded here).
        public var apiKeyId: String?

        public init(revealId: UUID, apiKeyId: String?) {
            self.revealId = revealId
            self.apiKeyId = apiKeyId
        }
    }

    let delivery: RevealDelivery
    let client: ApolloClient
    let database: any Database
    /// Apollo's time: how old a reveal is.
    let clock: any ApolloClock

    public init(client: ApolloClient, database: any Database, clock: any ApolloClock) {
        self.delivery = RevealDelivery(client: client, database: database)
        self.client = client
        self.database = database
        self.clock = clock
    }

    public static func uniqueKey(for payload: Payload) -> String? { "reveal.poll:\(payload.revealId.uuidString)" }
    public static func apiKeyID(of payload: Payload) -> String? { payload.apiKeyId }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        guard let reveal = try await PhoneReveal.find(payload.revealId, on: database) else {
            return .cancel(reason: "reveal \(payload.revealId) is gone")
        }
        guard reveal.status == .pending, let requestID = reveal.apolloRequestID else { return .complete(result: #"{"already": true}"#) }
        if let requested = reveal.createdAt, clock.now() - requested.timeIntervalSince1970 > Self.giveUpAfterSeconds {
            try await delivery.fail(reveal, reason: "no result within \(Int(Self.giveUpAfterSeconds / 3_600)) hours")
            return .complete(result: #"{"gaveUp": true}"#)
        }
        reveal.pollAttempts += 1
        try await reveal.save(on: database)
        do {
            guard let result = try await client.webhookResult(RequestID(requestID)).value.webhookResult else {
                return .snooze(until: Date().timeIntervalSince1970 + 10)
            }
            let raw = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            let outcome = try await delivery.apply(result, raw: raw, to: reveal, via: .poll)
            return .complete(result: outcome == .applied ? #"{"applied": true}"# : #"{"already": true}"#)
        } catch ApolloError.notFound(let message) {
            // Apollo forgot the request or it expired (30 days): nothing will ever come.
            try await delivery.fail(reveal, reason: "Apollo has no result: \(message)")
            return .complete(result: #"{"failed": true}"#)
        }
    }
}
