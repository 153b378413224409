import Fluent
import Foundation

/// Where the sync of one Apollo object stands: watermark, page checkpoint and the last run's figures.
public final class SyncCursor: Model, @unchecked Sendable {
    public static let schema = "sync_cursors"

    @ID(key: .id) public var id: UUID?

    /// `contacts`, `accounts`, `deals`, …
    @Field(key: "object") public var object: String
    @OptionalField(key: "watermark") public var watermark: Date?
    /// JSON of the resumable position (slice and page) of a run in progress.
    @OptionalField(key: "checkpoint") public var checkpoint: String?
    @OptionalField(key: "last_run_at") public var lastRunAt: Date?
    @OptionalField(key: "last_status") public var lastStatus: String?
    @OptionalField(key: "last_counts") public var lastCounts: String?
    @OptionalField(key: "last_error") public var lastError: String?
    /// Set while a run holds the object (a stale claim, older than an hour, may be taken over).
    @OptionalField(key: "running_since") public var runningSince: Date?

    public init() {}

    public init(object: String) {
        self.object = object
    }
}
