import Foundation

/// The time the resilience pipeline reasons in: Apollo's windows, cache ages, breaker cool-downs.
///
/// Tests and benchmarks run the simulator on a time scale; giving the client the same scale keeps both sides agreed
/// on when a window resets.
public protocol ApolloClock: Sendable {
    /// Seconds since 1970 in this clock's time.
    func now() -> Double
    /// Suspends for `seconds` of this clock's time (cancellable).
    func sleep(seconds: Double) async throws
    /// This clock's seconds in `seconds` of wall-clock time (a `Retry-After` is wall-clock time).
    func clockSeconds(fromReal seconds: Double) -> Double
    /// Wall-clock seconds that `seconds` of this clock take (what a job queue scheduling in real time needs).
    func realSeconds(fromClock seconds: Double) -> Double
}

extension ApolloClock {
    public func clockSeconds(fromReal seconds: Double) -> Double { seconds }
    public func realSeconds(fromClock seconds: Double) -> Double { seconds }
}

/// Wall-clock time.
public struct SystemApolloClock: ApolloClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1_000).rounded(.up))))
    }
}

/// Time running `scale` times faster than the wall clock, anchored at creation (as the simulator's `--time-scale`).
public struct ScaledApolloClock: ApolloClock {
    public let scale: Double
    private let anchor: Double

    /// - Parameter anchor: the instant (epoch seconds) from which time runs `scale` times faster. Every clock that
    ///   shares state (rate windows in SQL, across processes) must share it; by default the start of the current UTC
    ///   day, which clocks made the same day agree on whatever process makes them and when.
    public init(scale: Double, anchor: Double? = nil) {
        self.scale = max(scale, 0.000_001)
        let now = Date().timeIntervalSince1970
        self.anchor = anchor ?? (now / 86_400).rounded(.down) * 86_400
    }

    public func now() -> Double { anchor + (Date().timeIntervalSince1970 - anchor) * scale }

    public func sleep(seconds: Double) async throws {
        try await SystemApolloClock().sleep(seconds: seconds / scale)
    }

    public func clockSeconds(fromReal seconds: Double) -> Double { seconds * scale }
    public func realSeconds(fromClock seconds: Double) -> Double { seconds / scale }
}
