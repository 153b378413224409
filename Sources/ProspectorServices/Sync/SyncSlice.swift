import Foundation

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
