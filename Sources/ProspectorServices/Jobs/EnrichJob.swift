import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue

/// Bulk enrichment as a job (`enrich.people` on the `enrich` queue): people are deduplicated, answered from the
/// enrichment memory when fresh, and sent to Apollo ten per bulk call; progress is reported as it goes, and every
/// matched person is stored as a contact linked to its organization.
public struct EnrichJob: Sendable {
    public static let kind = "enrich.people"
    public static let queue = "enrich"

    /// The job's payload.
    public struct Payload: Codable, Sendable, Equatable {
        public var people: [PersonIdentity]
        public var options: EnrichmentOptions?
        /// Our API key that asked for it (credit budgets and the ledger).
        public var apiKeyID: String?

        public init(people: [PersonIdentity], options: EnrichmentOptions? = nil, apiKeyID: String? = nil) {
            self.people = people
            self.options = options
            self.apiKeyID = apiKeyID
        }
    }

    /// The job's result.
    public struct Summary: Codable, Sendable, Equatable {
        public var requested: Int
        public var matched: Int
        public var missed: Int
        public var fromMemory: Int
        public var unidentifiable: Int
    }

    let enricher: PeopleEnricher
    let database: any Database
    let mirroring: ApolloMirroring
    let clock: any ApolloClock

    public init(enricher: PeopleEnricher, database: any Database, mirroring: ApolloMirroring = ApolloMirroring(), clock: any ApolloClock) {
        self.enricher = enricher
        self.database = database
        self.mirroring = mirroring
        self.clock = clock
    }

    /// A job ready to enqueue.
    public static func job(_ payload: Payload, maxAttempts: Int = 10) throws -> NewJob {
        NewJob(kind: kind, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), queue: queue, maxAttempts: maxAttempts)
    }

    public func register(in registry: inout JobRegistry) {
        registry.register(Self.kind) { context in try await run(context) }
    }

    func run(_ context: JobContext) async throws -> JobOutcome {
        let payload: Payload
        do { payload = try JSONDecoder().decode(Payload.self, from: Data(context.payload.utf8)) } catch {
            return .cancel(reason: "invalid enrich.people payload: \(error)")
        }
        let total = payload.people.count
        do {
            let results = try await ApolloCallContext.$current.withValue(
                ApolloCallContext(priority: .background, apiKeyID: payload.apiKeyID, jobID: context.job.id)
            ) {
                try await enricher.enrich(payload.people, options: payload.options ?? EnrichmentOptions()) { done in
                    try? await context.reportProgress(#"{"done": \#(done), "total": \#(total)}"#)
                }
            }
            let matched = results.compactMap(\.person)
            try await database.safeTransaction { [mirroring] transaction in
                for person in matched { try await mirroring.store(person, actor: .job(context.job.id), on: transaction) }
            }
            let summary = Summary(
                requested: total, matched: results.filter { $0.person != nil }.count,
                missed: results.filter { $0.person == nil && $0.source != .unidentifiable }.count,
                fromMemory: results.filter { $0.source == .memory }.count, unidentifiable: results.filter { $0.source == .unidentifiable }.count)
            return .complete(result: String(decoding: try JSONEncoder().encode(summary), as: UTF8.self))
        } catch let error as ApolloError {
            return ApolloJobOutcome.outcome(for: error, clock: clock)
        }
    }
}
