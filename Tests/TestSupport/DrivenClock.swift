import ApolloIOClient
import ApolloIOSimulator
import Foundation
import Synchronization

/// Time a test drives: our pipeline's clock and, when linked, the simulator's move forward together and only when
/// told — or when the code under test sleeps, which moves both by the time asked for instead of waiting for it. Both
/// run on the wall clock plus the same offset, so they agree to the microsecond whatever the machine's load (real
/// time still passes underneath: bounds on elapsed time allow for a slow machine, never for another window).
public final class DrivenClock: ApolloClock, Sendable {
    private let offset = Mutex<Double>(0)
    private let simulator: SimulatorEngine?

    /// - Parameter simulator: the engine whose clock moves with this one (run it at time scale 1).
    public init(linkedTo simulator: SimulatorEngine? = nil) {
        self.simulator = simulator
    }

    public func now() -> Double { Date().timeIntervalSince1970 + offset.withLock { $0 } }

    /// Moves both clocks `seconds` ahead.
    public func advance(_ seconds: Double) async {
        offset.withLock { $0 += seconds }
        await simulator?.advanceClock(seconds: seconds)
    }

    /// Sleeping is time passing: both clocks move by `seconds` at once.
    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        if seconds > 0 { await advance(seconds) }
        await Task.yield()
    }
}
