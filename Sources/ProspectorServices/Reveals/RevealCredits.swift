import ApolloIOClient
import Foundation
import ProspectorData

/// The credits of a reveal's delivery, which Apollo charges minutes after the call that asked for it: the worst
/// case is reserved through the pipeline's ``CreditGate`` (against the same budgets) before the call, and settled
/// at Apollo's `credits_consumed` when the result arrives, or at 0 when it never does.
struct RevealCredits: Sendable {
    let gate: CreditGate?

    init(client: ApolloClient) {
        gate = client.pipeline?.credits
    }

    /// The ledger's endpoint name for a reveal's delivery.
    static func route(_ kind: PhoneReveal.Kind) -> String { kind.isWaterfall ? "webhook/waterfall" : "webhook/phone_reveal" }

    func worstCase(kind: PhoneReveal.Kind, people: Int) -> Double {
        let perPerson =
            kind.isWaterfall
            ? (kind.wantsPhones ? CreditCost.perRevealedPhone : 0) + (kind.wantsEmails ? CreditCost.perMatchedPerson : 0)
            : CreditCost.perRevealedPhone
        return perPerson * Double(people)
    }

    /// Reserves the worst case; throws ``ApolloError/creditBudgetExceeded`` when a cap would be crossed.
    func reserve(kind: PhoneReveal.Kind, people: Int, apiKeyID: String?) async throws -> String? {
        guard let gate else { return nil }
        return try await gate.reserve(
            route: Self.route(kind), records: people, credits: worstCase(kind: kind, people: people),
            for: ApolloCallContext(priority: .interactive, apiKeyID: apiKeyID))
    }

    /// Settles a reservation at what was charged; a ledger failure leaves the worst case in place (never less).
    func settle(_ reservationID: String?, kind: PhoneReveal.Kind, credits: Double) async {
        guard let gate, let reservationID else { return }
        await gate.settle(reservationID, route: Self.route(kind), credits: credits)
    }
}
