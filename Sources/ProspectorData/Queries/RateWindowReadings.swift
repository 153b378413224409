import ApolloIOClient
import FluentKit
import SQLKit

/// What the shared rate-limit state holds now, read for display: each route's counted windows and each group's
/// limits. The governor reads and writes the same rows (``SQLRateWindowStore``); this only reads.
public struct RateWindowReadings: Sendable {
    /// One route's count in one window, and when that window opened.
    public struct Counter: Sendable, Equatable {
        public var route: String
        public var window: RateLimitWindow
        public var used: Int
        public var openedAt: Double?
    }

    public var counters: [Counter]
    /// The limits believed per group; a group never seen is absent (its plan profile applies).
    public var limits: [EndpointGroup: GroupLimits]
    /// Until when a 429 blocks a group, by group, in the governor's clock.
    public var blockedUntil: [EndpointGroup: Double]

    /// Reads every counter and group row.
    public static func load(on database: any Database) async throws -> RateWindowReadings {
        let sql = sql(database)
        let counters = try await sql.raw("SELECT route, window_name, used, opened_at FROM apollo_rate_windows ORDER BY route").all()
            .compactMap { row -> Counter? in
                guard let window = RateLimitWindow(rawValue: try row.decode(column: "window_name", as: String.self)) else { return nil }
                return Counter(
                    route: try row.decode(column: "route", as: String.self), window: window, used: try row.decode(column: "used", as: Int.self),
                    openedAt: try row.decode(column: "opened_at", as: Double?.self))
            }
        var limits: [EndpointGroup: GroupLimits] = [:]
        var blocked: [EndpointGroup: Double] = [:]
        for row in try await sql.raw("SELECT group_name, minute_limit, hour_limit, day_limit, blocked_until FROM apollo_rate_groups").all() {
            guard let group = EndpointGroup(rawValue: try row.decode(column: "group_name", as: String.self)) else { continue }
            limits[group] = GroupLimits(
                minute: try row.decode(column: "minute_limit", as: Int?.self), hour: try row.decode(column: "hour_limit", as: Int?.self),
                day: try row.decode(column: "day_limit", as: Int?.self))
            blocked[group] = try row.decode(column: "blocked_until", as: Double.self)
        }
        return RateWindowReadings(counters: counters, limits: limits, blockedUntil: blocked)
    }
}
