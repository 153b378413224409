import Metrics

/// Who is calling: interactive calls come from HTTP requests, background calls from jobs.
public enum CallPriority: String, Sendable {
    case interactive, background
}

/// How the governor shares the windows.
public struct GovernorPolicy: Sendable, Equatable {
    /// The share of every window that background calls may not take, kept for interactive calls.
    public var interactiveShare: Double
    /// The longest an interactive call waits for a slot; past it, it fails at once with the time a retry can succeed.
    public var interactiveMaxWait: Double
    /// The longest a background call waits in process; past it (an exhausted hour or day), it fails with
    /// `rateLimited` so its job is snoozed until the reset instead of holding a worker slot.
    public var backgroundMaxWait: Double
    /// How the reserve is lent to background calls while no API caller needs it; nil: never (a fixed reserve).
    public var lending: ReserveLending?

    public init(
        interactiveShare: Double = 0.2, interactiveMaxWait: Double = 5, backgroundMaxWait: Double = 90,
        lending: ReserveLending? = ReserveLending()
    ) {
        self.interactiveShare = interactiveShare
        self.interactiveMaxWait = interactiveMaxWait
        self.backgroundMaxWait = backgroundMaxWait
        self.lending = lending
    }
}

/// Keeps calls inside Apollo's windows per endpoint group: waits (without busy-looping) until every window has room,
/// learns from response headers and 429s, and fails fast when the wait would be too long for the caller.
public struct RateGovernor: Sendable {
    public let store: any RateWindowStore
    public let policy: GovernorPolicy
    public let clock: any ApolloClock

    public init(store: any RateWindowStore, policy: GovernorPolicy = GovernorPolicy(), clock: any ApolloClock = SystemApolloClock()) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// Waits for a slot in every window of the endpoint.
    /// - Throws: ``ApolloError/rateLimited(_:)`` when the slot is further away than the caller may wait.
    public func acquire(_ endpoint: ApolloEndpoint, priority: CallPriority) async throws(ApolloError) {
        let group = endpoint.group
        let limits: GroupLimits
        do { limits = try await store.limits(group) } catch { throw .stateUnavailable(description: "rate-limit windows: \(error)") }
        if priority == .interactive {
            do { try await store.noteInteractive(group, now: clock.now()) } catch {
                throw .stateUnavailable(description: "rate-limit windows: \(error)")
            }
        }
        let caps = caps(limits, priority: priority)
        var waited = 0.0
        while true {
            let now = clock.now()
            let verdict: WindowVerdict
            do { verdict = try await store.tryAcquire(route: endpoint.route, group: group, caps: caps, now: now) } catch {
                throw .stateUnavailable(description: "rate-limit windows: \(error)")
            }
            guard case .full(let until, let window) = verdict else {
                if waited > 0 { Timer(label: "apollo_governor_wait_seconds", dimensions: [("group", group.rawValue)]).recordSeconds(waited) }
                Counter(label: "apollo_governor_calls_total", dimensions: [("group", group.rawValue), ("priority", priority.rawValue)]).increment()
                if verdict == .lent { Counter(label: "apollo_governor_reserve_lent_total", dimensions: [("group", group.rawValue)]).increment() }
                return
            }
            let wait = until - now
            let bound = priority == .interactive ? policy.interactiveMaxWait : policy.backgroundMaxWait
            if wait > bound {
                Counter(label: "apollo_governor_refusals_total", dimensions: [("group", group.rawValue), ("priority", priority.rawValue)]).increment()
                throw .rateLimited(
                    RateLimitRejection(
                        window: window, retryAfterSeconds: wait, retryAfterFromHeader: false,
                        message:
                            "the \(window?.rawValue ?? "current") window of Apollo's \(group.rawValue) limit has no room for \(Int(wait.rounded(.up))) s"
                    ))
            }
            // A little past the reset (half a second of Apollo's time, at least 20 ms of real time for the network) keeps
            // this process from racing Apollo's own window boundary.
            do { try await clock.sleep(seconds: wait + max(0.5, clock.clockSeconds(fromReal: 0.02))) } catch {
                throw .transport(description: "cancelled while waiting for a rate-limit slot")
            }
            waited += wait
        }
    }

    /// The per-window caps for a caller: background calls leave the interactive share free, except what is lent to
    /// them (``ReserveLending``).
    func caps(_ limits: GroupLimits, priority: CallPriority) -> [RateLimitWindow: WindowCap] {
        var caps: [RateLimitWindow: WindowCap] = [:]
        for window in RateLimitWindow.allCases {
            guard let limit = limits[window] else { continue }
            guard priority == .background else {
                caps[window] = WindowCap(cap: limit)
                continue
            }
            let reserved = Int((Double(limit) * policy.interactiveShare).rounded(.up))
            var cap = WindowCap(cap: max(limit - reserved, 1))
            if let lending = policy.lending, reserved > 0 {
                let floor = min(reserved, max(1, Int((Double(limit) * lending.floorShare).rounded(.up))))
                if limit - floor > cap.cap {
                    cap.lent = WindowCap.Lent(
                        cap: limit - floor, afterSeconds: window.seconds * (1 - lending.lateShare), quietSeconds: lending.quietSeconds)
                }
            }
            caps[window] = cap
        }
        return caps
    }

    /// Feeds a response's headers back.
    public func observe(_ endpoint: ApolloEndpoint, status: RateLimitStatus) async {
        guard !status.isEmpty else { return }
        try? await store.observe(route: endpoint.route, group: endpoint.group, status: status, now: clock.now())
    }

    /// A 429: the whole group waits until the window it names resets (`Retry-After` is real seconds; a wait derived
    /// from the message is already in Apollo's time).
    public func rejected(_ endpoint: ApolloEndpoint, _ rejection: RateLimitRejection) async {
        let now = clock.now()
        let wait = rejection.retryAfterFromHeader ? clock.clockSeconds(fromReal: rejection.retryAfterSeconds) : rejection.retryAfterSeconds
        try? await store.block(endpoint.group, window: rejection.window, until: now + wait, now: now)
    }
}
