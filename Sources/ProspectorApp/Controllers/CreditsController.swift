import ApolloIOClient
import Foundation
import ProspectorData
import Vapor

/// `GET /api/credits`: credits spent today and this month, by everyone, by the calling key and by endpoint, and
/// what the budgets leave.
struct CreditsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("credits", use: show)
    }

    @Sendable func show(request: Request) async throws -> CreditsResponse {
        let keyID = try request.require(scope: "read")
        let ledger = SQLCreditLedger(database: request.db)
        let periods = CreditPeriods.starts(at: Date().timeIntervalSince1970)
        let budget = request.application.prospectorConfiguration.resilience.budget
        let all = CreditsResponse.Usage(today: try await ledger.total(since: periods.day, apiKeyID: nil),
                                        thisMonth: try await ledger.total(since: periods.month, apiKeyID: nil))
        let mine = CreditsResponse.Usage(today: try await ledger.total(since: periods.day, apiKeyID: keyID),
                                         thisMonth: try await ledger.total(since: periods.month, apiKeyID: keyID))
        func remaining(_ caps: [(Double?, Double)]) -> Double? {
            let left = caps.compactMap { cap, spent in cap.map { max(0, $0 - spent) } }
            return left.min()
        }
        let today = try await ledger.totalsByEndpoint(since: periods.day), month = try await ledger.totalsByEndpoint(since: periods.month)
        let byEndpoint = Dictionary(uniqueKeysWithValues: month.keys.map { ($0, CreditsResponse.Usage(today: today[$0] ?? 0, thisMonth: month[$0] ?? 0)) })
        return CreditsResponse(all: all, thisKey: mine, byEndpoint: byEndpoint, budget: CreditsResponse.Budget(
            dailyCap: budget.dailyCap, monthlyCap: budget.monthlyCap, perKeyDailyCap: budget.perKeyDailyCap, perKeyMonthlyCap: budget.perKeyMonthlyCap,
            remainingToday: remaining([(budget.dailyCap, all.today), (budget.perKeyDailyCap, mine.today)]),
            remainingThisMonth: remaining([(budget.monthlyCap, all.thisMonth), (budget.perKeyMonthlyCap, mine.thisMonth)])))
    }
}
