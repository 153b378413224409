import ApolloIOClient
import Foundation
import ProspectorData
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
        let app = context.application
        try await app.autoMigrate()
        let ledger = SQLCreditLedger(database: app.db)
        let periods = CreditPeriods.starts(at: Date().timeIntervalSince1970)
        let budget = app.prospectorConfiguration.resilience.budget
        var report = Report(
            today: try await ledger.total(since: periods.day, apiKeyID: nil), thisMonth: try await ledger.total(since: periods.month, apiKeyID: nil),
            dailyCap: budget.dailyCap, monthlyCap: budget.monthlyCap, perKeyDailyCap: budget.perKeyDailyCap, perKeyMonthlyCap: budget.perKeyMonthlyCap)
        if signature.reconcile {
            let runtime = try await ApolloRuntime.start(app.prospectorConfiguration, database: app.db, logger: app.logger)
            let result: CreditReconciliation
            do {
                result = try await CreditReconciliation.run(client: runtime.client, ledger: ledger)
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
            report.reconciliation = Reconciliation(cycleStart: result.cycleStart, apolloConsumed: result.apolloConsumed,
                                                   ledgerCharged: result.ledgerCharged, drift: result.drift)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
    }
}
