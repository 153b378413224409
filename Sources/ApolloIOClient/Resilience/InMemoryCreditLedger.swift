import Foundation

/// A ledger for one process.
public actor InMemoryCreditLedger: CreditLedger {
    private var entries: [String: CreditEntry] = [:]
    private var nextID = 0

    public init() {}

    public func reserve(_ entry: CreditEntry, budget: CreditBudget, dayStart: Double, monthStart: Double) throws -> String {
        for (cap, scope) in budget.caps(apiKeyID: entry.apiKeyID) {
            let spent = total(since: scope.isMonthly ? monthStart : dayStart, apiKeyID: scope.apiKeyID)
            if spent + entry.credits > cap {
                throw ApolloError.creditBudgetExceeded(scope: scope, cap: cap, spent: spent, requested: entry.credits)
            }
        }
        nextID += 1
        entries[String(nextID)] = entry
        return String(nextID)
    }

    public func settle(_ reservationID: String, credits: Double) {
        entries[reservationID]?.credits = credits
    }

    public func total(since: Double, apiKeyID: String?) -> Double {
        entries.values.filter { $0.at >= since && (apiKeyID == nil || $0.apiKeyID == apiKeyID) }.reduce(0) { $0 + $1.credits }
    }

    /// Every entry, for tests and reports.
    public func all() -> [CreditEntry] { Array(entries.values) }
}
