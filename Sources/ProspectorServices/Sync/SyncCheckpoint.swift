import Foundation

/// Apollo CRM objects the sync mirrors.
public enum SyncObject: String, CaseIterable, Sendable, Codable {
    case contacts, accounts, deals
}

/// Where a run stands, saved after every page so a crashed run resumes without re-reading what it stored.
struct SyncCheckpoint: Codable, Equatable {
    /// `incremental` or `full`.
    var mode: String
    /// The slices of a full run: one filter each (a stage id; nil for no filter), each read newest first.
    var slices: [String?]
    var slice: Int
    /// The next page to read (1-based).
    var page: Int
    /// The newest `updated_at` seen so far (the next watermark).
    var newest: Date?
    var counts: SyncCounts
}

/// What a run did.
public struct SyncCounts: Codable, Equatable, Sendable {
    public var pages = 0
    public var fetched = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init() {}
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
