import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// What the dashboard reads and how it signs in, on the run's database engine, with time driven by the test.
@Suite struct DashboardServiceTests {
    @Test func sessionsExpireOnTheInjectedClock_endWithTheirKey_andStoreNoToken() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let sessions = context.services.dashboardSessions
            let (_, plaintext) = try await context.services.keys.create(name: "looker", scopes: [.read], actor: .commandLine)
            #expect(try await sessions.signIn(apiKey: "pk_unknown", requestID: "r1") == nil)
            let (token, signIn) = try #require(try await sessions.signIn(apiKey: plaintext, requestID: "r1"))
            #expect(signIn.key.name == "looker" && signIn.csrfToken.count >= 43 && token.count >= 43 && token != signIn.csrfToken)
            let stored = try await DashboardSession.query(on: context.database).all()
            #expect(stored.count == 1 && stored[0].tokenDigest != token && !stored[0].tokenDigest.contains(token))
            #expect(try await sessions.current(token: token)?.csrfToken == signIn.csrfToken)
            #expect(try await sessions.current(token: token + "x") == nil)

            await clock.advance(12 * 3_600 - 60)
            #expect(try await sessions.current(token: token) != nil, "still inside the 12 h lifetime")
            await clock.advance(120)
            #expect(try await sessions.current(token: token) == nil, "expired")

            let (second, _) = try #require(try await sessions.signIn(apiKey: plaintext, requestID: "r2"))
            #expect(try await DashboardSession.query(on: context.database).count() == 1, "signing in removes expired sessions")
            _ = try await context.services.keys.revoke(try #require(signIn.key.id), actor: .commandLine)
            #expect(try await sessions.current(token: second) == nil, "a revoked key ends its sessions")

            let (_, adminKey) = try await context.services.keys.create(name: "admin", scopes: [.admin], actor: .commandLine)
            let (third, _) = try #require(try await sessions.signIn(apiKey: adminKey, requestID: "r3"))
            try await sessions.signOut(token: third)
            #expect(try await sessions.current(token: third) == nil)
            #expect(try await AuditLog.query(on: context.database).filter(\.$action == "dashboard.signed_in").count() == 3)
        }
    }

    @Test func rateLimitOverview_showsTheGovernorsWindows_andTheirReset() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let client = try context.services.apollo.client
            for page in 1...3 { _ = try await client.searchPeople(PeopleSearchRequest(page: page, perPage: 5)) }
            let groups = try await context.services.rateLimits.groups()
            #expect(groups.map(\.group) == EndpointGroup.allCases)
            let search = try #require(groups.first { $0.group == .search })
            let route = try #require(search.routes.first { $0.route == ApolloEndpoint.peopleSearch.route })
            let minute = try #require(route.windows.first { $0.window == .minute })
            #expect(minute.used == 3 && minute.limit == search.limits.minute && minute.left == (search.limits.minute ?? 0) - 3)
            #expect((minute.resetsInSeconds ?? 0) > 0 && (minute.resetsInSeconds ?? 99) <= 60)
            #expect(groups.first { $0.group == .enrichment }?.routes.isEmpty == true, "no enrichment call, no enrichment route")

            await clock.advance(61)
            let later = try await context.services.rateLimits.groups().first { $0.group == .search }?.routes.first?.windows ?? []
            #expect(later.first { $0.window == .minute }?.used == 0, "the minute window has reset")
            #expect(later.first { $0.window == .hour }?.used == 3, "the hour window has not")
        }
    }

    @Test func creditHistory_hasEveryDay_byEndpoint_inUTC() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let ledger = SQLCreditLedger(database: context.database)
            let today = (clock.now() / 86_400).rounded(.down) * 86_400
            for (daysAgo, endpoint, credits) in [
                (0.0, "api/v1/people/match", 2.0), (0, "api/v1/people/bulk_match", 5), (3, "api/v1/people/match", 1), (40, "api/v1/people/match", 9),
            ] {
                let entry = CreditEntry(
                    route: endpoint, records: 1, credits: credits, apiKeyID: nil, jobID: nil, at: today - daysAgo * 86_400 + 3_600)
                _ = try await ledger.reserve(entry, budget: CreditBudget(), dayStart: today, monthStart: today)
            }
            let days = try await context.services.credits.daily(days: 30)
            #expect(days.count == 30 && days.last?.day == Date(timeIntervalSince1970: today))
            #expect(days.last?.byEndpoint == ["api/v1/people/match": 2, "api/v1/people/bulk_match": 5])
            #expect(days[26].byEndpoint == ["api/v1/people/match": 1], "three days ago")
            #expect(days.map(\.total).reduce(0, +) == 8, "the entry of 40 days ago is outside the chart")
        }
    }
}
