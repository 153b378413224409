import Foundation

extension RateGovernor {
    /// The group limits Apollo's usage-stats report states for the endpoints we know (the smallest per window when
    /// several endpoints of a group disagree).
    public static func limits(from stats: APIUsageStats) -> [EndpointGroup: GroupLimits] {
        let known = ApolloEndpoint.usageReported.reduce(into: [String: EndpointGroup]()) { $0[$1.route] = $1.group }
        var limits: [EndpointGroup: GroupLimits] = [:]
        for entry in stats.entries {
            guard let group = known["\(entry.controller)/\(entry.action)"] else { continue }
            let reported = GroupLimits(minute: entry.minute?.limit, hour: entry.hour?.limit, day: entry.day?.limit)
            guard let current = limits[group] else {
                limits[group] = reported
                continue
            }
            func smaller(_ a: Int?, _ b: Int?) -> Int? { [a, b].compactMap { $0 }.min() }
            limits[group] = GroupLimits(
                minute: smaller(current.minute, reported.minute), hour: smaller(current.hour, reported.hour),
                day: smaller(current.day, reported.day))
        }
        return limits
    }

    /// Replaces the plan profile's limits with what Apollo reports for this team (called at startup).
    /// - Returns: the groups refined.
    @discardableResult
    public func refine(from stats: APIUsageStats) async throws -> [EndpointGroup: GroupLimits] {
        let limits = Self.limits(from: stats)
        for (group, groupLimits) in limits { try await store.setLimits(group, groupLimits) }
        return limits
    }
}

extension ApolloEndpoint {
    /// The endpoints whose routes appear in the usage-stats report.
    static let usageReported: [ApolloEndpoint] = [
        .peopleMatch, .peopleBulkMatch, .organizationEnrich, .organizationBulkEnrich, .organizationSearch, .contactSearch,
        .accountSearch, .contactCreate, .sequenceSearch, .taskSearch,
    ]
}

/// Our ledger next to Apollo's own credit count for the current billing cycle.
public struct CreditReconciliation: Sendable, Equatable {
    public var cycleStart: Date
    /// What Apollo says the team consumed this cycle (all pools).
    public var apolloConsumed: Double
    /// What our ledger recorded since the cycle started.
    public var ledgerCharged: Double
    /// Apollo minus us: credits spent outside Prospector, or calls whose outcome we could not see (timeouts).
    public var drift: Double { apolloConsumed - ledgerCharged }

    /// Compares the ledger with `POST /usage_stats/credit_usage_stats`.
    public static func run(client: ApolloClient, ledger: any CreditLedger) async throws -> CreditReconciliation {
        let stats = try await client.creditUsageStats().value
        let start = stats.currentCreditCycle?.startDate ?? Date(timeIntervalSince1970: CreditPeriods.starts(at: Date().timeIntervalSince1970).month)
        let consumed = stats.creditUsageStats.filter { $0.key != "dialer" }.values.reduce(0) { $0 + ($1.consumed ?? 0) }  // dialer counts minutes
        let charged = try await ledger.total(since: start.timeIntervalSince1970, apiKeyID: nil)
        return CreditReconciliation(cycleStart: start, apolloConsumed: consumed, ledgerCharged: charged)
    }
}
