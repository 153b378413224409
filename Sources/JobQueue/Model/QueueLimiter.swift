/// BullMQ's queue `limiter`: at most `max` jobs of the queue start per `durationMilliseconds`, across every worker.
/// A job held back by it waits without spending an attempt.
public struct QueueLimiter: Sendable, Equatable, Codable {
    public var max: Int
    public var durationMilliseconds: Int

    public init(max: Int, durationMilliseconds: Int) {
        self.max = Swift.max(1, max)
        self.durationMilliseconds = Swift.max(1, durationMilliseconds)
    }

    /// Parses `max/durationMs` (`10/1000`: ten jobs a second).
    public static func parse(_ text: String) -> QueueLimiter? {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let max = Int(parts[0]), let duration = Int(parts[1]), max >= 1, duration >= 1 else { return nil }
        return QueueLimiter(max: max, durationMilliseconds: duration)
    }
}
