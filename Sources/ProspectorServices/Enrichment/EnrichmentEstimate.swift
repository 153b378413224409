import ApolloIOClient
import Foundation

/// What a bulk enrichment would do, worked out without spending anything: the `dryRun` answer and the figure the
/// spend approval is decided on.
public struct EnrichmentEstimate: Codable, Sendable, Equatable {
    /// Inputs, and the distinct people among them.
    public var requested: Int
    public var unique: Int
    /// Inputs that name nobody (not sent).
    public var unidentifiable: Int
    /// Distinct people on the suppression list (not sent).
    public var suppressed: Int
    /// Distinct people the enrichment memory answers (free).
    public var knownFromMemory: Int
    /// Distinct people that would go to Apollo.
    public var newRecords: Int
    /// Credits if every new record matched (and, with personal emails or phones asked, at their price).
    public var worstCaseCredits: Double
    /// Apollo calls (ten people per bulk call).
    public var apolloCalls: Int
    /// Seconds the plan's bulk-enrichment limits imply for those calls (as the governor knows them now).
    public var estimatedSeconds: Double
}

extension EnrichmentService {
    /// The estimate for enriching `people` now.
    public func estimate(_ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions()) async throws -> EnrichmentEstimate {
        let keys = people.map { EnrichmentIdentity.key($0, options: options) }
        var unique: [(key: String, identity: PersonIdentity)] = []
        var seen = Set<String>()
        for (key, person) in zip(keys, people) {
            if let key, seen.insert(key).inserted { unique.append((key, person)) }
        }
        let suppression = try await suppressed(unique.map { SuppressionSubject($0.identity) })
        let candidates = zip(unique, suppression).filter { $0.1 == nil }.map(\.0)
        let now = clock.now()
        let remembered = options.startsAsynchronousEnrichment ? [:] : try await memory.recall(candidates.map(\.key))
        let known = candidates.filter { entry in
            remembered[entry.key].map { now - $0.at < ($0.person == nil ? missFreshnessSeconds : matchFreshnessSeconds) } ?? false
        }.count
        let newRecords = candidates.count - known
        let calls = (newRecords + ApolloClient.bulkEnrichmentLimit - 1) / ApolloClient.bulkEnrichmentLimit
        let perPerson = options.revealPhoneNumber == true ? CreditCost.perMatchedPersonWithMobile : CreditCost.perMatchedPerson
        return EnrichmentEstimate(
            requested: people.count, unique: unique.count, unidentifiable: keys.filter { $0 == nil }.count,
            suppressed: suppression.compactMap { $0 }.count, knownFromMemory: known, newRecords: newRecords,
            worstCaseCredits: Double(newRecords) * perPerson, apolloCalls: calls, estimatedSeconds: try await seconds(forBulkCalls: calls))
    }

    /// The time `calls` bulk calls take at the tightest of the plan's windows, after the first call.
    public func seconds(forBulkCalls calls: Int) async throws -> Double {
        guard calls > 1, let governor = client.pipeline?.governor else { return 0 }
        let limits = try await governor.store.limits(.bulkEnrichment)
        return RateLimitWindow.allCases.compactMap { window in
            limits[window].map { Double(calls - 1) / Double(max(1, $0)) * window.seconds }
        }.max() ?? 0
    }
}
