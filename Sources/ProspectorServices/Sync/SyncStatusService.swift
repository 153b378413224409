import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Sync as operators see it: each object's status, and a run asked for now (as a job).
public struct SyncStatusService: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// One status per synced object, in ``SyncObject/allCases`` order.
    public func statuses() async throws -> [SyncStatus] {
        let cursors = try await SyncCursor.query(on: database).all()
        return SyncObject.allCases.map { object in
            let cursor = cursors.first { $0.object == object.rawValue }
            return SyncStatus(
                object: object, lastRunAt: cursor?.lastRunAt, lastStatus: cursor?.lastStatus, watermark: cursor?.watermark,
                counts: cursor?.lastCounts, lastError: cursor?.lastError, running: cursor?.runningSince != nil,
                resumable: cursor?.checkpoint != nil)
        }
    }

    /// Enqueues a run of `object`; the pending or running one when there is one already (`existing`).
    public func requestRun(_ object: SyncObject, full: Bool) async throws -> (jobID: Int64, existing: Bool) {
        let enqueued = try await SyncJob.enqueue(SyncJob.Payload(object: object, full: full), on: database)
        return (enqueued.id, enqueued.existing)
    }
}
