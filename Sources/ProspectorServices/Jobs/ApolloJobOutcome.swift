import ApolloIOClient
import Foundation
import JobQueue

/// What a job does when an Apollo call fails: wait for the limit or the breaker without spending an attempt, retry
/// transient failures with the queue's backoff, and give up on failures that a retry cannot fix.
public enum ApolloJobOutcome {
    /// How long a job waits before checking a credit budget again.
    public static let budgetRecheckSeconds = 3_600.0

    /// - Parameter clock: the pipeline's clock (a governor's wait is in its time; the queue schedules in real time).
    public static func outcome(for error: ApolloError, clock: any ApolloClock, now: Double = Date().timeIntervalSince1970) -> JobOutcome {
        switch error {
        case .rateLimited(let rejection):
            let real = rejection.retryAfterFromHeader ? rejection.retryAfterSeconds : clock.realSeconds(fromClock: rejection.retryAfterSeconds)
            return .snooze(until: now + max(real, 0.05))
        case .circuitOpen(let seconds):
            return .snooze(until: now + max(clock.realSeconds(fromClock: seconds), 0.05))
        case .resultPending(let seconds):
            return .snooze(until: now + max(seconds, 0.05))
        case .creditBudgetExceeded:
            return .snooze(until: now + budgetRecheckSeconds)
        case .serverError, .timeout, .transport, .stateUnavailable:
            return .fail(error: "\(error)")
        case .missingAPIKey, .invalidAPIKey, .forbidden, .notFound, .invalidRequest, .tooManyRecords, .undecodableResponse:
            return .cancel(reason: "\(error)")
        }
    }
}
