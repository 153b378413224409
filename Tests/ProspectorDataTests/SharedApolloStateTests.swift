import ApolloIOClient
import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorData
import TestSupport
import Testing

/// The SQL implementations of the client's shared state, on the engine of this run: two store instances on one
/// database stand for two processes.
@Suite struct SharedApolloStateTests {
    @Test func rateWindows_twoProcessesTogetherTakeExactlyTheCap() async throws {
        try await TestDatabase.withDatabase { database in
            let first = SQLRateWindowStore(database: database, plan: .basic)
            let second = SQLRateWindowStore(database: database, plan: .basic)
            let caps: [RateLimitWindow: WindowCap] = [.minute: 5, .hour: 100]
            let verdicts = try await withThrowingTaskGroup(of: WindowVerdict.self) { group in
                for index in 0..<12 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await store.tryAcquire(route: "api/v1/contacts/search", group: .standard, caps: caps, now: 1_000) }
                }
                return try await group.reduce(into: [WindowVerdict]()) { $0.append($1) }
            }
            #expect(verdicts.filter { $0 == .acquired }.count == 5)
            #expect(verdicts.contains(.full(until: 1_060, window: .minute)))
            // Another route of the group has windows of its own; a minute later the route has room again.
            #expect(try await second.tryAcquire(route: "api/v1/accounts/search", group: .standard, caps: caps, now: 1_001) == .acquired)
            #expect(try await first.tryAcquire(route: "api/v1/contacts/search", group: .standard, caps: caps, now: 1_061) == .acquired)
            // Headers learned by one process are seen by the other; a 429 blocks the whole group for both.
            try await first.observe(
                route: "api/v1/contacts/search", group: .standard,
                status: RateLimitStatus(minute: .limited(limit: 50, used: 50, remaining: 0), hour: .unlimited), now: 1_062)
            #expect(try await second.limits(.standard) == GroupLimits(minute: 50, hour: nil, day: 2_000))
            #expect(
                try await second.tryAcquire(route: "api/v1/contacts/search", group: .standard, caps: [.minute: 50], now: 1_063)
                    == .full(until: 1_121, window: .minute))
            try await second.block(.standard, window: .hour, until: 5_000, now: 1_064)
            #expect(
                try await first.tryAcquire(route: "api/v1/accounts/search", group: .standard, caps: caps, now: 1_065)
                    == .full(until: 5_000, window: .hour))
        }
    }

    @Test func rateWindows_anInteractiveCallerSeenByOneProcess_stopsTheOthersLending() async throws {
        try await TestDatabase.withDatabase { database in
            let api = SQLRateWindowStore(database: database, plan: .basic)
            let worker = SQLRateWindowStore(database: database, plan: .basic)
            let lent = WindowCap(cap: 2, lent: WindowCap.Lent(cap: 4, afterSeconds: 45, quietSeconds: 30))
            let route = "api/v1/contacts/search"
            for _ in 0..<2 { #expect(try await worker.tryAcquire(route: route, group: .standard, caps: [.minute: lent], now: 1_000) == .acquired) }
            #expect(
                try await worker.tryAcquire(route: route, group: .standard, caps: [.minute: lent], now: 1_010) == .full(until: 1_045, window: .minute)
            )
            #expect(try await worker.tryAcquire(route: route, group: .standard, caps: [.minute: lent], now: 1_046) == .lent)
            try await api.noteInteractive(.standard, now: 1_047)
            // Quiet again only at 1,077, after this window's reset at 1,060: the other process waits for the reset.
            #expect(
                try await worker.tryAcquire(route: route, group: .standard, caps: [.minute: lent], now: 1_048) == .full(until: 1_060, window: .minute)
            )
            #expect(try await api.tryAcquire(route: route, group: .standard, caps: [.minute: 4], now: 1_049) == .acquired)
        }
    }

    @Test func creditLedger_concurrentReservationsNeverCrossACap() async throws {
        try await TestDatabase.withDatabase { database in
            let ledgers = [SQLCreditLedger(database: database), SQLCreditLedger(database: database)]
            let key = UUID().uuidString
            let budget = CreditBudget(dailyCap: 100, perKeyDailyCap: 7)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let entry = CreditEntry(route: "api/v1/people/match", records: 1, credits: 1, apiKeyID: key, jobID: nil, at: 86_400 * 3 + 10)
                        do {
                            _ = try await ledgers[index % 2].reserve(entry, budget: budget, dayStart: 86_400 * 3, monthStart: 0)
                            return true
                        } catch ApolloError.creditBudgetExceeded { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 7)
            #expect(try await ledgers[0].total(since: 86_400 * 3, apiKeyID: key) == 7)
            #expect(try await ledgers[1].total(since: 86_400 * 4, apiKeyID: nil) == 0)
        }
    }

    @Test func creditLedger_aReservationIsUnsettledUntilApollosChargeReplacesIt() async throws {
        try await TestDatabase.withDatabase { database in
            let ledger = SQLCreditLedger(database: database)
            let entry = CreditEntry(route: "api/v1/people/bulk_match", records: 10, credits: 10, apiKeyID: nil, jobID: nil, at: 1_000)
            let settled = try await ledger.reserve(entry, budget: CreditBudget(), dayStart: 0, monthStart: 0)
            let lost = try await ledger.reserve(entry, budget: CreditBudget(), dayStart: 0, monthStart: 0)
            try await ledger.settle(settled, credits: 7)
            let rows = try await CreditLedgerEntry.query(on: database).all()
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!.uuidString, $0) })
            #expect(byID[settled]?.credits == 7 && byID[settled]?.settledAt != nil)
            #expect(byID[lost]?.credits == 10 && byID[lost]?.settledAt == nil, "a call whose answer was lost keeps its worst case")
            #expect(try await ledger.total(since: 0, apiKeyID: nil) == 17)
        }
    }

    @Test func cacheEntries_areSharedUntilTheyExpire() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestApolloClock(1_000)
            let writer = SQLResponseCacheStore(database: database, clock: clock)
            let reader = SQLResponseCacheStore(database: database, clock: clock)
            try await writer.store("GET /x", CachedResponse(body: Array("{\"a\":1}".utf8), status: 200, storedAt: 1_000), expiresAt: 1_100)
            try await writer.store("GET /x", CachedResponse(body: Array("{\"a\":2}".utf8), status: 200, storedAt: 1_001), expiresAt: 1_100)
            #expect(try await reader.entry("GET /x") == CachedResponse(body: Array("{\"a\":2}".utf8), status: 200, storedAt: 1_001))
            clock.advance(101)
            #expect(try await reader.entry("GET /x") == nil)
        }
    }
}

/// A clock tests move by hand.
final class TestApolloClock: ApolloClock, @unchecked Sendable {
    private let clock: TestClock
    init(_ start: Double) { clock = TestClock(start) }
    func now() -> Double { clock.now }
    func advance(_ seconds: Double) { clock.advance(seconds) }
    func sleep(seconds: Double) async throws { clock.advance(seconds) }
}
