import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue

/// Bulk enrichment (`enrich.people`): people are deduplicated, answered from the enrichment memory when fresh, and
/// sent to Apollo ten per bulk call; progress is reported as it goes, and every matched person is stored as a
/// contact linked to its organization.
public struct EnrichJob: ProspectorJob {
    public static let kind = "enrich.people"
    public static let queue = QueueName.enrich
    public static let maxAttempts = 10

    public struct Payload: Codable, Sendable, Equatable, AttributedPayload {
        public var people: [PersonIdentity]
        public var options: EnrichmentOptions?
        /// Our API key that asked for it (credit budgets and the ledger).
        public var apiKeyID: String?
        /// Inputs found suppressed when the job was asked for: blanked in `people` so that the job holds no trace of
        /// them, and reported as skipped.
        public var suppressed: [SkippedInput]?

        public init(people: [PersonIdentity], options: EnrichmentOptions? = nil, apiKeyID: String? = nil, suppressed: [SkippedInput]? = nil) {
            self.people = people
            self.options = options
            self.apiKeyID = apiKeyID
            self.suppressed = suppressed
        }
    }

    /// The job's result.
    public struct Summary: Codable, Sendable, Equatable {
        public var requested: Int
        public var matched: Int
        public var missed: Int
        public var fromMemory: Int
        public var unidentifiable: Int
        /// Inputs skipped because the person is suppressed, with why (nothing spent on them).
        public var suppressed: [SkippedInput]
    }

    /// An input the job did not enrich.
    public struct SkippedInput: Codable, Sendable, Equatable {
        /// Its position in `people`.
        public var index: Int
        public var reason: String

        public init(index: Int, reason: String) {
            self.index = index
            self.reason = reason
        }
    }

    let enrichment: EnrichmentService

    public init(enrichment: EnrichmentService) {
        self.enrichment = enrichment
    }

    public static func apiKeyID(of payload: Payload) -> String? { payload.apiKeyID }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        let total = payload.people.count
        let blanked = Dictionary((payload.suppressed ?? []).map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let (results, _) = try await enrichment.enrichAndStore(
            payload.people, options: payload.options ?? EnrichmentOptions(),
            actor: .job(context.job.id)
        ) { done in
            try? await context.reportProgress(#"{"done": \#(done), "total": \#(total)}"#)
        }
        return try .complete(
            encoding: Summary(
                requested: total, matched: results.filter { $0.person != nil }.count,
                missed: results.filter { $0.person == nil && ($0.source == .memory || $0.source == .apollo) }.count,
                fromMemory: results.filter { $0.source == .memory }.count,
                unidentifiable: results.enumerated().filter { $0.element.source == .unidentifiable && blanked[$0.offset] == nil }.count,
                suppressed: results.enumerated().compactMap { index, result in
                    if let skipped = blanked[index] { return skipped }
                    guard case .suppressed(let kind) = result.source else { return nil }
                    return SkippedInput(index: index, reason: kind.skipReason)
                }))
    }
}
