import ApolloIOClient
import FluentKit
import SQLKit

/// The rate governor's counters in SQL, so that every process using one Apollo key shares one view of its windows.
///
/// Each step loads a route's counters, applies ``WindowCounters``' rules (the same as in memory) and saves them,
/// under ``SharedStateLock``.
public struct SQLRateWindowStore: RateWindowStore {
    private let lock: SharedStateLock
    private let plan: RateLimitPlan

    public init(database: any Database, plan: RateLimitPlan) {
        self.lock = SharedStateLock(database: database)
        self.plan = plan
    }

    private struct GroupRow: Sendable {
        var limits: GroupLimits
        var blockedUntil: Double
        var blockedWindow: RateLimitWindow?
    }

    public func tryAcquire(route: String, group: EndpointGroup, caps: [RateLimitWindow: Int], now: Double) async throws -> WindowVerdict {
        try await lock.run("rate:\(route)") { sql in
            let state = try await loadGroup(group, sql)
            var counters = try await loadCounters(route, sql)
            let verdict = counters.acquire(caps: caps, blockedUntil: state.blockedUntil, blockedWindow: state.blockedWindow, now: now)
            if verdict == .acquired { try await save(counters, route: route, sql) }
            return verdict
        }
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
                SELECT minute_limit, hour_limit, day_limit, blocked_until, blocked_window FROM apollo_rate_groups WHERE group_name = \(bind: group.rawValue)
                """
            ).first()
        else { return GroupRow(limits: plan.limits(for: group), blockedUntil: 0) }
        return GroupRow(
            limits: GroupLimits(
                minute: try row.decode(column: "minute_limit", as: Int?.self), hour: try row.decode(column: "hour_limit", as: Int?.self),
                day: try row.decode(column: "day_limit", as: Int?.self)),
            blockedUntil: try row.decode(column: "blocked_until", as: Double.self),
            blockedWindow: try row.decode(column: "blocked_window", as: String?.self).flatMap(RateLimitWindow.init(rawValue:)))
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
