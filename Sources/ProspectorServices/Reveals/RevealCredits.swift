import ApolloIOClient
import Foundation
import ProspectorData

/// The credits of a reveal's delivery, which Apollo charges minutes after the call that asked for it: the worst
/// case is reserved in the pipeline's ledger (against the same budgets) before the call, and settled at Apollo's
/// `credits_consumed` when the result arrives, or at 0 when it never does.
struct RevealCredits: Sendable {
    let ledger: (any CreditLedger)?
    let budget: CreditBudget
    let clock: any ApolloClock

    init(client: ApolloClient) {
        ledger = client.pipeline?.credits?.ledger
        budget = client.pipeline?.credits?.budget ?? CreditBudget()
        clock = client.pipeline?.governor.clock ?? SystemApolloClock()
    }

    /// The ledger's endpoint name for a reveal's delivery.
    static func route(_ kind: PhoneReveal.Kind) -> String { kind.isWaterfall ? "webhook/waterfall" : "webhook/phone_reveal" }

    func worstCase(kind: PhoneReveal.Kind, people: Int) -> Double {
        let perPerson = kind.isWaterfall
            ? (kind.wantsPhones ? CreditCost.perRevealedPhone : 0) + (kind.wantsEmails ? 1 : 0)
            : CreditCost.perRevealedPhone
        return perPerson * Double(people)
    }

    /// Reserves the worst case; throws ``ApolloError/creditBudgetExceeded`` when a cap would be crossed.
    func reserve(kind: PhoneReveal.Kind, people: Int, apiKeyID: String?) async throws -> String? {
        guard let ledger else { return nil }
        let now = clock.now()
        let periods = CreditPeriods.starts(at: now)
        let entry = CreditEntry(route: Self.route(kind), records: people, credits: worstCase(kind: kind, people: people),
                                apiKeyID: apiKeyID, jobID: nil, at: now)
        return try await ledger.reserve(entry, budget: budget, dayStart: periods.day, monthStart: periods.month)
    }

    /// Settles a reservation at what was charged; a ledger failure leaves the worst case in place (never less).
    func settle(_ reservationID: String?, credits: Double) async {
        guard let ledger, let reservationID else { return }
        try? await ledger.settle(reservationID, credits: credits)
    }
}
