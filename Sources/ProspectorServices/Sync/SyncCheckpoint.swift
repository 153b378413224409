import Foundation

/// Where a run stands, saved after every page so a crashed run resumes without re-reading what it stored.
struct SyncCheckpoint: Codable, Equatable {
    /// `incremental` or `full`.
    var mode: String
    /// The queries of the run, read in order (``SyncService`` slices a set past Apollo's display limit).
    var slices: [SyncSlice]
    var slice: Int
    /// The next page to read (1-based).
    var page: Int
    /// The newest `updated_at` seen so far (the next watermark).
    var newest: Date?
    var counts: SyncCounts

    /// Whether the run reads more than one query: its completeness is then proven by counting what it saw.
    var isSliced: Bool { slices != [.everything] }
}
