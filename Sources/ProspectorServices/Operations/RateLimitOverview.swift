import ApolloIOClient
import FluentKit
import ProspectorData

/// One rate-limit window of one Apollo route as an operator reads it.
public struct RateWindowGauge: Sendable, Equatable {
    public var window: RateLimitWindow
    /// Calls counted in the window now (zero once it has reset).
    public var used: Int
    /// The group's limit for the window; nil when the plan has none.
    public var limit: Int?
    /// Seconds until the window resets; nil when no window is open.
    public var resetsInSeconds: Double?

    /// Calls left before the limit; nil without a limit.
    public var left: Int? { limit.map { max(0, $0 - used) } }
}

/// The windows of one route.
public struct RouteRateGauges: Sendable, Equatable {
    public var route: String
    public var windows: [RateWindowGauge]
}

/// An endpoint group: its limits, a 429 block still running, and its routes' windows.
public struct GroupRateGauges: Sendable, Equatable {
    public var group: EndpointGroup
    public var limits: GroupLimits
    /// Seconds left of a block after a 429; nil when none runs.
    public var blockedForSeconds: Double?
    public var routes: [RouteRateGauges]
}

/// The rate governor's shared windows, read for the dashboard: what each group may still call and when it resets.
public struct RateLimitOverview: Sendable {
    let database: any Database
    let plan: RateLimitPlan
    let clock: any ApolloClock

    public init(database: any Database, plan: RateLimitPlan, clock: any ApolloClock) {
        self.database = database
        self.plan = plan
        self.clock = clock
    }

    /// Every group, in ``EndpointGroup/allCases`` order, with the routes counted so far.
    public func groups() async throws -> [GroupRateGauges] {
        let readings = try await RateWindowReadings.load(on: database)
        let now = clock.now()
        let byRoute = Dictionary(grouping: readings.counters, by: \.route)
        return EndpointGroup.allCases.map { group in
            let limits = readings.limits[group] ?? plan.limits(for: group)
            let routes = byRoute.keys.sorted().filter { ApolloEndpoint.group(ofRoute: $0) == group }.map { route in
                RouteRateGauges(
                    route: route,
                    windows: RateLimitWindow.allCases.map { window in
                        Self.gauge(byRoute[route]?.first { $0.window == window }, window: window, limit: limits[window], now: now)
                    })
            }
            let blocked = readings.blockedUntil[group].flatMap { $0 > now ? $0 - now : nil }
            return GroupRateGauges(group: group, limits: limits, blockedForSeconds: blocked, routes: routes)
        }
    }

    /// A counter as it stands at `now`, by the governor's own rule for a window that has reset
    /// (``WindowCounters/roll(now:)``; the governor rolls it over on its next call).
    static func gauge(_ counter: RateWindowReadings.Counter?, window: RateLimitWindow, limit: Int?, now: Double) -> RateWindowGauge {
        var counters = WindowCounters(counters: counter.map { [window: WindowCounters.Counter(used: $0.used, openedAt: $0.openedAt)] } ?? [:])
        counters.roll(now: now)
        guard let current = counters.counters[window] else { return RateWindowGauge(window: window, used: 0, limit: limit) }
        return RateWindowGauge(
            window: window, used: current.used, limit: limit, resetsInSeconds: current.openedAt.map { $0 + window.seconds - now })
    }
}
