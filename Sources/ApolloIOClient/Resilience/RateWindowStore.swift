/// Where the governor keeps its window counters: in memory for one process, in SQL for processes that share a key.
///
/// Apollo counts calls per endpoint (CONTRACT §5.1) with limits set per endpoint group, so counters are kept per
/// route and limits per group; a 429 blocks the whole group. Implementations must make
/// ``tryAcquire(route:group:caps:now:)`` atomic: two callers never both take the last slot.
public protocol RateWindowStore: Sendable {
    /// Takes one call from every limited window of `route` if each is below its cap; otherwise returns the time
    /// at which the binding window resets (and which window that is).
    func tryAcquire(route: String, group: EndpointGroup, caps: [RateLimitWindow: WindowCap], now: Double) async throws -> WindowVerdict
    /// Notes that an interactive caller wants a slot of the group now: the reserve is not lent for a while
    /// (``ReserveLending``). Shared like the windows.
    func noteInteractive(_ group: EndpointGroup, now: Double) async throws
    /// Folds what a response's headers said about `route` into its counters and its group's limits (Apollo's count
    /// includes other processes' calls).
    func observe(route: String, group: EndpointGroup, status: RateLimitStatus, now: Double) async throws
    /// Blocks the whole group until `until` after a 429 naming `window` (or none).
    func block(_ group: EndpointGroup, window: RateLimitWindow?, until: Double, now: Double) async throws
    /// The limits currently believed for a group (plan profile, refined by headers and usage stats).
    func limits(_ group: EndpointGroup) async throws -> GroupLimits
    /// Replaces the limits of a group (from the usage-stats endpoint).
    func setLimits(_ group: EndpointGroup, _ limits: GroupLimits) async throws
}

/// The answer of ``RateWindowStore/tryAcquire(route:group:caps:now:)``.
public enum WindowVerdict: Sendable, Equatable {
    case acquired
    /// Acquired on the interactive reserve, lent to a background call.
    case lent
    /// No room before `until`; `window` is the one that binds (nil: blocked by a 429 without a named window).
    case full(until: Double, window: RateLimitWindow?)

    /// Whether a call was taken.
    public var isAcquired: Bool {
        if case .full = self { return false }
        return true
    }
}

extension GroupLimits {
    /// A copy with one window's limit replaced.
    public func replacing(_ window: RateLimitWindow, with limit: Int?) -> GroupLimits {
        var copy = self
        switch window {
        case .minute: copy.minute = limit
        case .hour: copy.hour = limit
        case .day: copy.day = limit
        }
        return copy
    }
}
