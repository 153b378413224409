import Foundation
import ProspectorServices
import Vapor

/// `prospector credits [--reconcile]`: credits spent today and this month, the caps, and (with `--reconcile`)
/// the ledger next to Apollo's own count for the billing cycle. Prints JSON.
struct CreditsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "reconcile", help: "Also compare the ledger with Apollo's credit usage report")
        var reconcile: Bool
    }

    var help: String { "Shows credit usage and budgets; --reconcile compares them with Apollo's report." }

    struct Report: Encodable {
        var today: Double
        var thisMonth: Double
        var dailyCap: Double?
        var monthlyCap: Double?
        var perKeyDailyCap: Double?
        var perKeyMonthlyCap: Double?
        var reconciliation: Reconciliation?
    }

    struct Reconciliation: Encodable {
        var cycleStart: Date
        var apolloConsumed: Double
        var ledgerCharged: Double
        var drift: Double
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let booted = try await Boot.start(context.application, as: signature.reconcile ? .apolloCommand : .localCommand)
        do {
            let credits = booted.services.credits
            let spent = try await credits.report(apiKeyID: nil)
            var report = Report(
                today: spent.all.today, thisMonth: spent.all.thisMonth, dailyCap: spent.budget.dailyCap, monthlyCap: spent.budget.monthlyCap,
                perKeyDailyCap: spent.budget.perKeyDailyCap, perKeyMonthlyCap: spent.budget.perKeyMonthlyCap)
            if signature.reconcile {
                let result = try await credits.reconcile(client: try booted.services.apollo.client)
                report.reconciliation = Reconciliation(
                    cycleStart: result.cycleStart, apolloConsumed: result.apolloConsumed,
                    ledgerCharged: result.ledgerCharged, drift: result.drift)
            }
            try CommandOutput.printJSON(report, pretty: true)
        } catch {
            await booted.shutdown()
            throw error
        }
        await booted.shutdown()
    }
}
