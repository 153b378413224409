/// The counters of one route's windows, and the rules every ``RateWindowStore`` applies to them.
///
/// A value type so that the in-memory and the SQL stores share one set of rules: load, apply, save.
public struct WindowCounters: Sendable, Equatable {
    /// Calls counted in one window and when it opened (nil: not open).
    public struct Counter: Sendable, Equatable {
        public var used: Int
        public var openedAt: Double?

        public init(used: Int = 0, openedAt: Double? = nil) {
            self.used = used
            self.openedAt = openedAt
        }
    }

    public var counters: [RateLimitWindow: Counter]

    public init(counters: [RateLimitWindow: Counter] = [:]) { self.counters = counters }

    /// Resets windows whose time has passed.
    public mutating func roll(now: Double) {
        for window in RateLimitWindow.allCases {
            if let opened = counters[window]?.openedAt, now >= opened + window.seconds { counters[window] = nil }
        }
    }

    /// Takes one call from every capped window, or says when the binding one resets. A window may be counted past its
    /// plain cap up to its lent cap (``WindowCap/effective(openedAt:lastInteractive:now:)``); the answer says so.
    public mutating func acquire(
        caps: [RateLimitWindow: WindowCap], blockedUntil: Double, blockedWindow: RateLimitWindow?, lastInteractive: Double? = nil,
        now: Double
    ) -> WindowVerdict {
        roll(now: now)
        if blockedUntil > now { return .full(until: blockedUntil, window: blockedWindow) }
        var binding: (until: Double, window: RateLimitWindow)?
        var lent = false
        for (window, cap) in caps {
            let counter = counters[window] ?? Counter()
            let effective = cap.effective(openedAt: counter.openedAt, lastInteractive: lastInteractive, now: now)
            if counter.used >= cap.cap && counter.used < effective.cap { lent = true }
            guard counter.used >= effective.cap else { continue }
            let reset = (counter.openedAt ?? now) + window.seconds
            // Room that the reserve's lending opens before the reset is worth waiting for instead of the reset.
            let until =
                cap.lendingStarts(openedAt: counter.openedAt, lastInteractive: lastInteractive, used: counter.used).map { min($0, reset) } ?? reset
            if until > (binding?.until ?? -1) { binding = (max(until, now), window) }
        }
        if let binding { return .full(until: binding.until, window: binding.window) }
        for window in caps.keys {
            var counter = counters[window] ?? Counter()
            counter.used += 1
            if counter.openedAt == nil { counter.openedAt = now }
            counters[window] = counter
        }
        return lent ? .lent : .acquired
    }

    /// Folds a response's headers in; returns the group's limits as the headers state them.
    public mutating func observe(_ status: RateLimitStatus, limits: GroupLimits, now: Double) -> GroupLimits {
        roll(now: now)
        var limits = limits
        for window in RateLimitWindow.allCases {
            switch status[window] {
            case nil: continue
            case .unlimited?:
                limits = limits.replacing(window, with: nil)
                counters[window] = nil
            case .limited(let limit, let used, let remaining)?:
                limits = limits.replacing(window, with: limit)
                guard let counted = used ?? remaining.map({ max(0, limit - $0) }) else { continue }
                var counter = counters[window] ?? Counter()
                // Apollo's count includes other processes' calls: never believe fewer than it says.
                counter.used = max(counter.used, counted)
                // The call Apollo counted first opened its window somewhere between our send and now: dating the
                // window from now means ours never resets before Apollo's.
                if counter.openedAt == nil || counted == 1 { counter.openedAt = now }
                counters[window] = counter
            }
        }
        return limits
    }
}
