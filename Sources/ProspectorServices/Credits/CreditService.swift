import ApolloIOClient
import FluentKit
import ProspectorData

/// Credit spend as our ledger knows it, against the budgets, and next to Apollo's own count.
public struct CreditService: Sendable {
    let database: any Database
    let budget: CreditBudget
    let clock: any ApolloClock

    public init(database: any Database, budget: CreditBudget, clock: any ApolloClock) {
        self.database = database
        self.budget = budget
        self.clock = clock
    }

    /// Spend today and this month, by everyone, by `apiKeyID` when given, and by endpoint.
    public func report(apiKeyID: String?) async throws -> CreditReport {
        let ledger = SQLCreditLedger(database: database)
        let periods = CreditPeriods.starts(at: clock.now())
        func usage(_ key: String?) async throws -> CreditUsage {
            CreditUsage(
                today: try await ledger.total(since: periods.day, apiKeyID: key),
                thisMonth: try await ledger.total(since: periods.month, apiKeyID: key))
        }
        let all = try await usage(nil)
        let mine: CreditUsage? = if let apiKeyID { try await usage(apiKeyID) } else { nil }
        let today = try await ledger.totalsByEndpoint(since: periods.day)
        let month = try await ledger.totalsByEndpoint(since: periods.month)
        let byEndpoint = Dictionary(uniqueKeysWithValues: month.keys.map { ($0, CreditUsage(today: today[$0] ?? 0, thisMonth: month[$0] ?? 0)) })
        func least(_ caps: [(Double?, Double?)]) -> Double? {
            caps.compactMap { cap, spent in cap.map { max(0, $0 - (spent ?? 0)) } }.min()
        }
        return CreditReport(
            all: all, thisKey: mine, byEndpoint: byEndpoint, budget: budget,
            remainingToday: least([(budget.dailyCap, all.today), (budget.perKeyDailyCap, mine?.today)]),
            remainingThisMonth: least([(budget.monthlyCap, all.thisMonth), (budget.perKeyMonthlyCap, mine?.thisMonth)]))
    }

    /// The ledger next to Apollo's credit usage report for the current billing cycle.
    public func reconcile(client: ApolloClient) async throws -> CreditReconciliation {
        try await CreditReconciliation.run(client: client, ledger: SQLCreditLedger(database: database))
    }
}
