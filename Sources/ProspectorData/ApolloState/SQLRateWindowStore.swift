import ApolloIOClient
import FluentKit
import SQLKit
import Synchronization

/// The rate governor's counters in SQL, so that every process using one Apollo key shares one view of its windows.
///
/// Each step loads a route's counters, applies ``WindowCounters``' rules (the same as in memory) and saves them,
/// under ``SharedStateLock``.
public struct SQLRateWindowStore: RateWindowStore {
    private let lock: SharedStateLock
    private let plan: RateLimitPlan
    /// When this process last wrote an interactive arrival, by group: one write a second is enough to stop lending.
    private let notedInteractive = NotedInteractive()

    private final class NotedInteractive: Sendable {
        let times = Mutex<[EndpointGroup: Double]>([:])
    }

    public init(database: any Database, plan: RateLimitPlan) {
        self.lock = SharedStateLock(database: database)
        self.plan = plan
    }

    private struct GroupRow: Sendable {
        var limits: GroupLimits
        var blockedUntil: Double
        var blockedWindow: RateLimitWindow?
        var interactiveAt: Double?
    }

    public func tryAcquire(route: String, group: EndpointGroup, caps: [RateLimitWindow: WindowCap], now: Double) async throws -> WindowVerdict {
        try await lock.run("rate:\(route)") { sql in
            let state = try await loadGroup(group, sql)
            var counters = try await loadCounters(route, sql)
            let verdict = counters.acquire(
                caps: caps, blockedUntil: state.blockedUntil, blockedWindow: state.blockedWindow, lastInteractive: state.interactiveAt, now: now)
            if verdict.isAcquired { try await save(counters, route: route, sql) }
            return verdict
        }
    }

    public func noteInteractive(_ group: EndpointGroup, now: Double) async throws {
        let due = notedInteractive.times.withLock { noted in
            guard now - (noted[group] ?? -.infinity) >= 1 else { return false }
            noted[group] = now
            return true
        }
        guard due, let sql = lock.database as? any SQLDatabase else { return }
        let limits = plan.limits(for: group)
        // One statement, outside the group's lock: it touches only `interactive_at`, which nothing else writes.
        try await sql.raw(
            """
            INSERT INTO apollo_rate_groups (group_name, minute_limit, hour_limit, day_limit, blocked_until, interactive_at)
            VALUES (\(bind: group.rawValue), \(bind: limits.minute), \(bind: limits.hour), \(bind: limits.day), 0, \(bind: now))
            ON CONFLICT (group_name) DO UPDATE SET interactive_at = excluded.interactive_at
            """
        ).run()
    }

    public func observe(route: String, group: EndpointGroup, status: RateLimitStatus, now: Double) async throws {
        try await lock.run("rate:\(route)") { sql in
            var state = try await loadGroup(group, sql)
            var counters = try await loadCounters(route, sql)
            let limits = counters.observe(status, limits: state.limits, now: now)
            try await save(counters, route: route, sql)
            if limits != state.limits {
                state.limits = limits
                try await save(state, group: group, sql)
            }
        }
    }

    public func block(_ group: EndpointGroup, window: RateLimitWindow?, until: Double, now: Double) async throws {
        try await lock.run("group:\(group.rawValue)") { sql in
            var state = try await loadGroup(group, sql)
            guard until > state.blockedUntil else { return }
            state.blockedUntil = until
            state.blockedWindow = window
            try await save(state, group: group, sql)
        }
    }

    public func limits(_ group: EndpointGroup) async throws -> GroupLimits {
        try await loadGroup(group, lock.database as! any SQLDatabase).limits
    }

    public func setLimits(_ group: EndpointGroup, _ limits: GroupLimits) async throws {
        try await lock.run("group:\(group.rawValue)") { sql in
            var state = try await loadGroup(group, sql)
            state.limits = limits
            try await save(state, group: group, sql)
        }
    }

    private func loadGroup(_ group: EndpointGroup, _ sql: any SQLDatabase) async throws -> GroupRow {
        guard
            let row = try await sql.raw(
                """
                SELECT minute_limit, hour_limit, day_limit, blocked_until, blocked_window, interactive_at FROM apollo_rate_groups
                WHERE group_name = \(bind: group.rawValue)
                """
            ).first()
        else { return GroupRow(limits: plan.limits(for: group), blockedUntil: 0) }
        return GroupRow(
            limits: GroupLimits(
                minute: try row.decode(column: "minute_limit", as: Int?.self), hour: try row.decode(column: "hour_limit", as: Int?.self),
                day: try row.decode(column: "day_limit", as: Int?.self)),
            blockedUntil: try row.decode(column: "blocked_until", as: Double.self),
            blockedWindow: try row.decode(column: "blocked_window", as: String?.self).flatMap(RateLimitWindow.init(rawValue:)),
            interactiveAt: try row.decode(column: "interactive_at", as: Double?.self))
    }

    private func save(_ state: GroupRow, group: EndpointGroup, _ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO apollo_rate_groups (group_name, minute_limit, hour_limit, day_limit, blocked_until, blocked_window)
            VALUES (\(bind: group.rawValue), \(bind: state.limits.minute), \(bind: state.limits.hour), \(bind: state.limits.day),
                    \(bind: state.blockedUntil), \(bind: state.blockedWindow?.rawValue))
            ON CONFLICT (group_name) DO UPDATE SET minute_limit = excluded.minute_limit, hour_limit = excluded.hour_limit,
                day_limit = excluded.day_limit, blocked_until = excluded.blocked_until, blocked_window = excluded.blocked_window
            """
        ).run()
    }

    private func loadCounters(_ route: String, _ sql: any SQLDatabase) async throws -> WindowCounters {
        var counters = WindowCounters()
        for row in try await sql.raw("SELECT window_name, used, opened_at FROM apollo_rate_windows WHERE route = \(bind: route)").all() {
            guard let window = RateLimitWindow(rawValue: try row.decode(column: "window_name", as: String.self)) else { continue }
            counters.counters[window] = WindowCounters.Counter(
                used: try row.decode(column: "used", as: Int.self), openedAt: try row.decode(column: "opened_at", as: Double?.self))
        }
        return counters
    }

    private func save(_ counters: WindowCounters, route: String, _ sql: any SQLDatabase) async throws {
        for window in RateLimitWindow.allCases {
            guard let counter = counters.counters[window] else {
                try await sql.raw("DELETE FROM apollo_rate_windows WHERE route = \(bind: route) AND window_name = \(bind: window.rawValue)").run()
                continue
            }
            try await sql.raw(
                """
                INSERT INTO apollo_rate_windows (route, window_name, used, opened_at) VALUES (\(bind: route), \(bind: window.rawValue), \(bind: counter.used), \(bind: counter.openedAt))
                ON CONFLICT (route, window_name) DO UPDATE SET used = excluded.used, opened_at = excluded.opened_at
                """
            ).run()
        }
    }
}
