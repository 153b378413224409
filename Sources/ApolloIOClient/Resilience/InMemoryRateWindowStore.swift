/// Counters for one process.
public actor InMemoryRateWindowStore: RateWindowStore {
    private struct GroupState {
        var limits: GroupLimits
        var blockedUntil: Double = 0
        var blockedWindow: RateLimitWindow?
        var lastInteractive: Double?
    }

    private var groups: [EndpointGroup: GroupState] = [:]
    private var routes: [String: WindowCounters] = [:]
    private let plan: RateLimitPlan

    public init(plan: RateLimitPlan) { self.plan = plan }

    private func group(_ group: EndpointGroup) -> GroupState {
        groups[group] ?? GroupState(limits: plan.limits(for: group))
    }

    public func tryAcquire(route: String, group: EndpointGroup, caps: [RateLimitWindow: WindowCap], now: Double) -> WindowVerdict {
        let state = self.group(group)
        var counters = routes[route] ?? WindowCounters()
        defer { routes[route] = counters }
        return counters.acquire(
            caps: caps, blockedUntil: state.blockedUntil, blockedWindow: state.blockedWindow, lastInteractive: state.lastInteractive, now: now)
    }

    public func noteInteractive(_ group: EndpointGroup, now: Double) {
        var state = self.group(group)
        state.lastInteractive = max(state.lastInteractive ?? now, now)
        groups[group] = state
    }

    public func observe(route: String, group: EndpointGroup, status: RateLimitStatus, now: Double) {
        var state = self.group(group)
        var counters = routes[route] ?? WindowCounters()
        state.limits = counters.observe(status, limits: state.limits, now: now)
        routes[route] = counters
        groups[group] = state
    }

    public func block(_ group: EndpointGroup, window: RateLimitWindow?, until: Double, now: Double) {
        var state = self.group(group)
        if until > state.blockedUntil {
            state.blockedUntil = until
            state.blockedWindow = window
        }
        groups[group] = state
    }

    public func limits(_ group: EndpointGroup) -> GroupLimits { self.group(group).limits }

    public func setLimits(_ group: EndpointGroup, _ limits: GroupLimits) {
        var state = self.group(group)
        state.limits = limits
        groups[group] = state
    }
}
