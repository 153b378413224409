import Metrics
import Synchronization

/// Settings of the breaker on the Apollo upstream.
public struct BreakerPolicy: Sendable, Equatable {
    /// Consecutive upstream failures (5xx, timeouts, connection errors) that open the breaker.
    public var failureThreshold: Int
    /// Seconds the breaker stays open before it lets one probe through.
    public var coolDownSeconds: Double

    public init(failureThreshold: Int = 5, coolDownSeconds: Double = 30) {
        self.failureThreshold = failureThreshold
        self.coolDownSeconds = coolDownSeconds
    }
}

/// Fails fast while Apollo is down: opens after consecutive failures, lets one probe through after a cool-down,
/// closes when the probe succeeds (and opens again when it fails).
public final class CircuitBreaker: Sendable {
    /// The breaker's state, as metrics and `/health` show it.
    public enum State: Sendable, Equatable {
        case closed(consecutiveFailures: Int)
        case open(until: Double)
        case halfOpen
    }

    public let policy: BreakerPolicy
    private let clock: any ApolloClock
    private let state = Mutex(State.closed(consecutiveFailures: 0))
    private let onOpen: (@Sendable (Double) -> Void)?

    /// - Parameter onOpen: told the cool-down each time the breaker opens (for the log).
    public init(policy: BreakerPolicy = BreakerPolicy(), clock: any ApolloClock = SystemApolloClock(), onOpen: (@Sendable (Double) -> Void)? = nil) {
        self.policy = policy
        self.clock = clock
        self.onOpen = onOpen
    }

    public var current: State { state.withLock { $0 } }

    /// Lets a call through, or throws ``ApolloError/circuitOpen(retryAfterSeconds:)``.
    public func admit() throws(ApolloError) {
        let now = clock.now()
        let refusal: Double? = state.withLock { state in
            switch state {
            case .closed: return nil
            case .open(let until) where now >= until:
                state = .halfOpen  // this caller is the probe
                return nil
            case .open(let until): return until - now
            case .halfOpen: return policy.coolDownSeconds  // a probe is in flight
            }
        }
        if let refusal {
            Counter(label: "apollo_breaker_rejections_total").increment()
            throw .circuitOpen(retryAfterSeconds: max(refusal, 0))
        }
    }

    /// Records the outcome of an admitted call: `upstreamFailed` for 5xx, timeouts and connection errors.
    public func record(upstreamFailed: Bool) {
        let now = clock.now()
        let opened: Bool = state.withLock { state in
            switch (state, upstreamFailed) {
            case (_, false):
                state = .closed(consecutiveFailures: 0)
                return false
            case (.closed(let failures), true) where failures + 1 < policy.failureThreshold:
                state = .closed(consecutiveFailures: failures + 1)
                return false
            case (.open, true):
                return false
            default:
                state = .open(until: now + policy.coolDownSeconds)
                return true
            }
        }
        if opened {
            Counter(label: "apollo_breaker_opened_total").increment()
            onOpen?(policy.coolDownSeconds)
        }
        Gauge(label: "apollo_breaker_open").record(isOpen ? 1 : 0)
    }

    /// An admitted call that never reached Apollo (refused by the governor, say): a probe slot is given back.
    public func abandon() {
        state.withLock { state in
            if case .halfOpen = state { state = .open(until: clock.now()) }
        }
    }

    private var isOpen: Bool {
        if case .closed = current { return false }
        return true
    }
}
