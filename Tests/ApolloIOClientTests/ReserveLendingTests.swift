import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The interactive reserve lent to background calls late in a window while no API caller is about; against the
/// simulator over HTTP, in driven time.
@Suite struct ReserveLendingTests {
    private let search = ContactSearchRequest(perPage: 1)
    private let route = ApolloEndpoint.contactSearch.route

    /// Standard limits of 20 a minute: background may count 16 (a fifth kept), 19 once lent (a floor of one stays).
    private func withTwentyAMinute(
        lending: ReserveLending? = ReserveLending(), _ body: (SimulatorServer, ApolloClient, DrivenClock) async throws -> Void
    ) async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 40))
        configuration.plan.standard = WindowLimits(minute: 20, hour: 10_000, day: 100_000)
        let policy = GovernorPolicy(interactiveShare: 0.2, interactiveMaxWait: 5, backgroundMaxWait: 120, lending: lending)
        try await SimulatorHarness.withDrivenTime(
            configuration,
            pipeline: { clock in
                var plan = RateLimitPlan.basic
                plan.groups[.standard] = GroupLimits(minute: 20, hour: 10_000, day: 100_000)
                return .inMemory(plan: plan, clock: clock, policy: policy)
            }, body)
    }

    private func interactive<T>(_ work: () async throws -> T) async throws -> T {
        try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: "k1"), operation: work)
    }

    @Test func quiet_backgroundBorrowsTheReserveLateInTheWindow_downToTheFloor() async throws {
        try await withTwentyAMinute { server, client, clock in
            let opened = clock.now()
            for _ in 0..<16 { _ = try await client.searchContacts(search) }
            #expect(clock.now() - opened < 30, "the plain share went at once (real time passes underneath)")
            // The 17th waits for the last quarter of the window (45 s), not for its reset (60 s), and takes the reserve.
            for _ in 0..<3 { _ = try await client.searchContacts(search) }
            let lentAt = clock.now() - opened
            #expect(lentAt >= 45 && lentAt < 50, "lent \(lentAt) s into the window")
            // The floor stays: the 20th background call waits for the next window; an API request still finds room.
            _ = try await interactive { try await client.searchContacts(search) }
            #expect(clock.now() - opened < 50)
            _ = try await client.searchContacts(search)
            #expect(clock.now() - opened >= 60, "the next background call waited for the reset")
            #expect(await server.engine.callCount(route: route, status: 200) == 21)
            #expect(await server.engine.rateLimitedCalls == 0)
        }
    }

    @Test func anInteractiveCaller_stopsTheLendingForTheQuietPeriod() async throws {
        try await withTwentyAMinute { server, client, clock in
            let opened = clock.now()
            for _ in 0..<16 { _ = try await client.searchContacts(search) }
            await clock.advance(40)
            _ = try await interactive { try await client.searchContacts(search) }
            // Lending would start at 45 s, but an API caller was seen at 40 s: nothing is lent before 70 s, after the
            // reset, so the background call waits for the next window.
            _ = try await client.searchContacts(search)
            #expect(clock.now() - opened >= 60)
            #expect(await server.engine.rateLimitedCalls == 0)
        }
    }

    @Test func aFixedReserve_isNeverLent() async throws {
        try await withTwentyAMinute(lending: nil) { _, client, clock in
            let opened = clock.now()
            for _ in 0..<17 { _ = try await client.searchContacts(search) }
            #expect(clock.now() - opened >= 60, "the 17th background call waited for the reset")
        }
    }
}

/// Scaled clocks that share rate windows (in one process or across processes) agree on the time.
@Suite struct ScaledClockTests {
    @Test func clocksRunFromTheUTCDaysStart_whenevertheyAreMade_andAnAnchorIsHonoured() {
        // Whatever process makes a clock and whenever, it reads the same time: the day's start plus 15 × what has passed.
        let clock = ScaledApolloClock(scale: 15)
        let real = Date().timeIntervalSince1970
        let dayStart = (real / 86_400).rounded(.down) * 86_400
        #expect(abs(clock.now() - (dayStart + (real - dayStart) * 15)) < 0.5)
        let anchored = ScaledApolloClock(scale: 10, anchor: Date().timeIntervalSince1970 - 2)
        let elapsed = anchored.now() - Date().timeIntervalSince1970
        #expect(elapsed > 17 && elapsed < 19, "two real seconds since the anchor are twenty scaled ones (18 ahead)")
    }
}
