import Metrics

/// The one way credits are reserved and settled: every typed operation that spends, and every asynchronous reveal,
/// reserves its worst case here (refused before anything is sent when a cap would be crossed) and settles at what
/// Apollo charged.
public struct CreditGate: Sendable {
    public let ledger: any CreditLedger
    public let budget: CreditBudget
    let clock: any ApolloClock

    public init(ledger: any CreditLedger, budget: CreditBudget, clock: any ApolloClock = SystemApolloClock()) {
        self.ledger = ledger
        self.budget = budget
        self.clock = clock
    }

    /// Reserves `credits` for `records` under `route`, attributed to `context`'s API key (its caps apply) and job.
    /// - Throws: ``ApolloError/creditBudgetExceeded(scope:cap:spent:requested:)`` before anything is spent;
    ///   ``ApolloError/stateUnavailable(description:)`` when the ledger cannot be read or written.
    public func reserve(route: String, records: Int, credits: Double, for context: ApolloCallContext = .current) async throws(ApolloError) -> String {
        let now = clock.now()
        let periods = CreditPeriods.starts(at: now)
        let entry = CreditEntry(route: route, records: records, credits: credits, apiKeyID: context.apiKeyID, jobID: context.jobID, at: now)
        do {
            return try await ledger.reserve(entry, budget: budget, dayStart: periods.day, monthStart: periods.month)
        } catch let error as ApolloError {
            Counter(label: "apollo_credit_refusals_total", dimensions: [("route", route)]).increment()
            throw error
        } catch {
            throw .stateUnavailable(description: "credit ledger: \(error)")
        }
    }

    /// Leaves a reservation at its worst case, unsettled: the call's outcome is unknown (its answer was lost), so
    /// Apollo charged between nothing and that.
    public func leaveUnsettled(route: String) {
        Counter(label: "apollo_credits_unsettled_total", dimensions: [("route", route)]).increment()
    }

    /// Settles a reservation at what was charged; a ledger failure leaves the worst case in place (never less than
    /// was spent).
    public func settle(_ reservationID: String, route: String, credits: Double) async {
        try? await ledger.settle(reservationID, credits: credits)
        if credits > 0 { FloatingPointCounter(label: "apollo_credits_total", dimensions: [("route", route)]).increment(by: credits) }
    }
}
