import Foundation

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

/// What a run did.
public struct SyncCounts: Equatable, Sendable {
    public var pages = 0
    public var fetched = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Records Apollo no longer has, found by a complete full run and soft-deleted here.
    public var deleted = 0
    /// Contacts Apollo returned that are suppressed (an erased person): not stored.
    public var suppressed = 0

    public init() {}
}

extension SyncCounts: Codable {
    private enum CodingKeys: String, CodingKey { case pages, fetched, created, updated, unchanged, deleted, suppressed }

    /// Checkpoints saved before `deleted` existed still load.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pages = try container.decode(Int.self, forKey: .pages)
        fetched = try container.decode(Int.self, forKey: .fetched)
        created = try container.decode(Int.self, forKey: .created)
        updated = try container.decode(Int.self, forKey: .updated)
        unchanged = try container.decode(Int.self, forKey: .unchanged)
        deleted = try container.decodeIfPresent(Int.self, forKey: .deleted) ?? 0
        suppressed = try container.decodeIfPresent(Int.self, forKey: .suppressed) ?? 0
    }
}
