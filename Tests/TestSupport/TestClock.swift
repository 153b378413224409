import Synchronization

/// A clock tests move by hand (epoch seconds).
public final class TestClock: Sendable {
    private let value: Mutex<Double>

    public init(_ start: Double) { value = Mutex(start) }

    public var now: Double { value.withLock { $0 } }
    public func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
}
