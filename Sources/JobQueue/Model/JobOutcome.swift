/// What a handler decided about its job.
public enum JobOutcome: Sendable, Equatable {
    /// Done; `result` is a small JSON text kept with the job.
    case complete(result: String? = nil)
    /// Failed: retried with backoff until the attempts run out, then dead with this error.
    case fail(error: String)
    /// Not now: run again at `until` (epoch seconds) without spending an attempt (a rate-limited job).
    case snooze(until: Double)
    /// Give up without retrying.
    case cancel(reason: String)
    /// Dead at once, without spending the remaining attempts: no retry can help (a payload that cannot be read).
    case discard(reason: String)
    /// The handler already completed the job inside its own transaction (``JobContext/complete(result:with:)``).
    case recorded
}
