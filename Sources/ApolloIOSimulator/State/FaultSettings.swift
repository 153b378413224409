import Foundation

/// Faults the control API can inject into every Apollo route.
public struct FaultSettings: Sendable, Codable, Equatable {
    /// Added latency in real milliseconds.
    public var latencyMilliseconds: Int = 0
    /// Probability (0–1) that a call answers 500.
    public var errorRate: Double = 0
    /// Probability (0–1) that a call's connection is cut mid-response.
    public var connectionResetRate: Double = 0
    /// Number of upcoming calls answered 429 whatever the windows say.
    public var rateLimitBurst: Int = 0
    /// End of a full outage (simulated time): until then every call answers 503.
    public var outageUntil: Date?

    public init() {}
}

/// What the fault injector decided for one call.
enum FaultDecision: Sendable {
    case none
    case outage
    case serverError
    case connectionReset
    case rateLimitBurst
}
