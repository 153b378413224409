import Foundation

/// Simulated time: real time multiplied by a scale, so a rate-limit hour can pass in a minute.
struct SimulatedClock: Sendable {
    private var anchorReal: Date
    private var anchorSimulated: Date
    private(set) var scale: Double

    init(scale: Double, now: Date = Date()) {
        anchorReal = now
        anchorSimulated = now
        self.scale = max(scale, 0.000_001)
    }

    func now(real: Date = Date()) -> Date {
        anchorSimulated.addingTimeInterval(real.timeIntervalSince(anchorReal) * scale)
    }

    /// Changes the scale from now on, without moving the simulated present.
    mutating func setScale(_ newScale: Double, real: Date = Date()) {
        anchorSimulated = now(real: real)
        anchorReal = real
        scale = max(newScale, 0.000_001)
    }

    /// Moves the simulated present `seconds` ahead at once (tests drive time instead of waiting for it).
    mutating func advance(by seconds: Double) {
        anchorSimulated = anchorSimulated.addingTimeInterval(max(0, seconds))
    }

    /// Real seconds that `simulated` simulated seconds take.
    func realSeconds(_ simulated: Double) -> Double { simulated / scale }
}
