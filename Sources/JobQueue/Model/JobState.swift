/// Where a job is in its life.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Waiting for `run_at` and a free worker (new, retrying or snoozed).
    case available
    /// Claimed by a worker holding a lease.
    case running
    case completed
    /// Out of attempts; kept with its last error until retried or pruned.
    case dead
    case cancelled
}
