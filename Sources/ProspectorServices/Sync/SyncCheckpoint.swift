import Foundation

/// Apollo CRM objects the sync mirrors.
public enum SyncObject: String, CaseIterable, Sendable, Codable {
    case contacts, accounts, deals
}

/// One query of a run: a stage filter (nil: every record), an order, and at most how many pages to read.
struct SyncSlice: Codable, Equatable {
    enum Order: String, Codable {
        case updatedNewestFirst, createdNewestFirst, createdOldestFirst
    }

    var stageID: String?
    var order: Order
    /// Fewer pages than the display limit allows (the oldest end of a set read from both ends).
    var maxPages: Int?

    /// Every record, newest-updated first: what an incremental run and a full run that fits read.
    static let everything = SyncSlice(stageID: nil, order: .updatedNewestFirst, maxPages: nil)
}

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

/// What a run did.
public struct SyncCounts: Equatable, Sendable {
    public var pages = 0
    public var fetched = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Records Apollo no longer has, found by a complete full run and soft-deleted here.
    public var deleted = 0

    public init() {}
}

extension SyncCounts: Codable {
    private enum CodingKeys: String, CodingKey { case pages, fetched, created, updated, unchanged, deleted }

    /// Checkpoints saved before `deleted` existed still load.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pages = try container.decode(Int.self, forKey: .pages)
        fetched = try container.decode(Int.self, forKey: .fetched)
        created = try container.decode(Int.self, forKey: .created)
        updated = try container.decode(Int.self, forKey: .updated)
        unchanged = try container.decode(Int.self, forKey: .unchanged)
        deleted = try container.decodeIfPresent(Int.self, forKey: .deleted) ?? 0
    }
}

/// The outcome of one run of one object.
public struct SyncReport: Codable, Equatable, Sendable {
    public var object: SyncObject
    public var mode: String
    public var counts: SyncCounts
    /// False when Apollo's 50,000-record display limit left records unread (no slice was small enough).
    public var complete: Bool
    public var watermark: Date?
    /// True when the run continued a crashed one from its checkpoint.
    public var resumed: Bool
}

/// Why a sync did not run or stopped.
public enum SyncError: Error, Equatable, CustomStringConvertible {
    /// Another run holds this object.
    case alreadyRunning(SyncObject)

    public var description: String {
        switch self {
        case .alreadyRunning(let object): "a sync of \(object.rawValue) is already running"
        }
    }
}
