import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// The fallback when a reveal's callback does not arrive (`reveal.poll` on the `enrich` queue): scheduled when the
/// reveal is accepted, it asks `GET /webhook_result/{request_id}`, waits as long as Apollo says while the result is
/// pending, and applies it through ``RevealDelivery`` (a no-op if the callback came first).
public struct PhoneRevealPollJob: Sendable {
    public static let kind = "reveal.poll"
    public static let queue = "enrich"
    /// A reveal still pending this long after its request is given up (Apollo's deliveries take minutes).
    public static let giveUpAfterSeconds = 86_400.0

    struct Payload: Codable {
        var revealId: UUID
    }

    let delivery: RevealDelivery
    let client: ApolloClient
    let database: any Database
    let clock: any ApolloClock

    public init(client: ApolloClient, database: any Database, clock: any ApolloClock) {
        self.delivery = RevealDelivery(client: client, database: database)
        self.client = client
        self.database = database
        self.clock = clock
    }

    /// The poll of one reveal, due `after` seconds from now; one per reveal (unique key).
    public static func job(revealID: UUID, after seconds: Double) throws -> NewJob {
        NewJob(kind: kind, payload: String(decoding: try JSONEncoder().encode(Payload(revealId: revealID)), as: UTF8.self), queue: queue,
               runAt: Date().timeIntervalSince1970 + seconds, maxAttempts: 10, uniqueKey: "reveal.poll:\(revealID.uuidString)")
    }

    public func register(in registry: inout JobRegistry) {
        registry.register(Self.kind) { context in try await run(context) }
    }

    func run(_ context: JobContext) async throws -> JobOutcome {
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(context.payload.utf8)) else {
            return .cancel(reason: "invalid reveal.poll payload")
        }
        guard let reveal = try await PhoneReveal.find(payload.revealId, on: database) else { return .cancel(reason: "reveal \(payload.revealId) is gone") }
        guard reveal.status == .pending, let requestID = reveal.apolloRequestID else { return .complete(result: #"{"already": true}"#) }
        if let requested = reveal.createdAt, Date().timeIntervalSince(requested) > Self.giveUpAfterSeconds {
            try await delivery.fail(reveal, reason: "no result within \(Int(Self.giveUpAfterSeconds / 3_600)) hours")
            return .complete(result: #"{"gaveUp": true}"#)
        }
        reveal.pollAttempts += 1
        try await reveal.save(on: database)
        do {
            let answer = try await ApolloCallContext.$current.withValue(
                ApolloCallContext(priority: .background, apiKeyID: reveal.apiKeyID, jobID: context.job.id)
            ) { try await client.webhookResult(RequestID(requestID)).value }
            guard let result = answer.webhookResult else { return .snooze(until: Date().timeIntervalSince1970 + 10) }
            let raw = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            let outcome = try await delivery.apply(result, raw: raw, to: reveal, via: .poll)
            return .complete(result: outcome == .applied ? #"{"applied": true}"# : #"{"already": true}"#)
        } catch let error as ApolloError {
            if case .notFound(let message) = error {
                // Apollo forgot the request or it expired (30 days): nothing will ever come.
                try await delivery.fail(reveal, reason: "Apollo has no result: \(message)")
                return .complete(result: #"{"failed": true}"#)
            }
            return ApolloJobOutcome.outcome(for: error, clock: clock)
        }
    }
}
