import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

struct SyncStatusDTO: Content {
    var object: String
    var lastRunAt: Date?
    var lastStatus: String?
    var watermark: Date?
    var counts: JSONNode
    var lastError: String?
    var running: Bool
    var resumable: Bool

    init(_ status: SyncStatus) {
        object = status.object.rawValue
        lastRunAt = status.lastRunAt
        lastStatus = status.lastStatus
        watermark = status.watermark
        counts = JSONNode(text: status.counts)
        lastError = status.lastError
        running = status.running
        resumable = status.resumable
    }
}

struct SyncStatusResponse: Content {
    var objects: [SyncStatusDTO]
}

struct SyncAccepted: Content {
    var jobId: Int64
    var object: String
    var alreadyQueued: Bool
}
