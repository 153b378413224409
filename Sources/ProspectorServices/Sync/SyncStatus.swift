import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Where one object's sync stands: its last run, watermark, counts and error.
public struct SyncStatus: Sendable {
    public var object: SyncObject
    public var lastRunAt: Date?
    public var lastStatus: String?
    public var watermark: Date?
    /// The last run's counts as JSON text.
    public var counts: String?
    public var lastError: String?
    public var running: Bool
    /// A run stopped part-way and will resume from its checkpoint.
    public var resumable: Bool
}
