/// Exponential backoff with full jitter for transient upstream failures (CONTRACT §4): timeouts, connection errors
/// and 5xx. 429s are the governor's (the call waits for the window and is sent again); 4xx are never retried.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The backoff cap of the first retry, doubled per retry up to `maxDelaySeconds`.
    public var baseDelaySeconds: Double
    public var maxDelaySeconds: Double

    public init(maxAttempts: Int = 4, baseDelaySeconds: Double = 0.5, maxDelaySeconds: Double = 20) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// Whether a failed attempt (1-based) is sent again.
    ///
    /// - Parameter idempotent: whether sending the request twice is harmless; a call that creates data without
    ///   dedupe is never repeated after a failure whose effect is unknown (a timeout or a dropped connection).
    public func shouldRetry(_ error: ApolloError, attempt: Int, idempotent: Bool) -> Bool {
        guard attempt < maxAttempts else { return false }
        switch error {
        case .rateLimited: return true  // Apollo refused before doing anything
        case .serverError, .timeout, .transport: return idempotent
        default: return false
        }
    }

    /// Full jitter: a uniform delay between 0 and the exponential cap.
    public func delay(afterAttempt attempt: Int, random: Double = Double.random(in: 0...1)) -> Double {
        let cap = min(maxDelaySeconds, baseDelaySeconds * Double(1 << min(attempt - 1, 20)))
        return cap * random
    }
}
