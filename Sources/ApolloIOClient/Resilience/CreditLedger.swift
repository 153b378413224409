import Foundation

/// The credit ledger: in memory for one process, in SQL (``CreditLedgerEntry``) when processes share a database.
public protocol CreditLedger: Sendable {
    /// Atomically checks every cap against what is spent or reserved in its period plus `entry.credits`, and
    /// records the reservation; returns its id.
    /// - Throws: ``ApolloError/creditBudgetExceeded(scope:cap:spent:requested:)`` before anything is spent.
    func reserve(_ entry: CreditEntry, budget: CreditBudget, dayStart: Double, monthStart: Double) async throws -> String
    /// Replaces a reservation with what the call really charged (0 when it failed or was answered locally).
    func settle(_ reservationID: String, credits: Double) async throws
    /// Credits spent or reserved since `since`, for everyone or for one key.
    func total(since: Double, apiKeyID: String?) async throws -> Double
}
