import FluentKit
import Foundation
import JobQueue

/// A sync run (`sync.run`), enqueued by cron per object or on demand; the unique key keeps one pending or running
/// job per object. After a run, the automation dispatcher acts on what it found.
public struct SyncJob: ProspectorJob {
    public static let kind = "sync.run"
    public static let queue = QueueName.sync
    public static let maxAttempts = 20

    public struct Payload: Codable, Sendable, Equatable {
        public var object: SyncObject
        public var full: Bool

        public init(object: SyncObject, full: Bool = false) {
            self.object = object
            self.full = full
        }
    }

    let service: SyncService

    public init(service: SyncService) {
        self.service = service
    }

    public static func uniqueKey(for payload: Payload) -> String? { "sync:\(payload.object.rawValue)" }

    /// One cron schedule per object, every `minutes`.
    public static func schedules(everyMinutes minutes: Double) throws -> [CronSchedule] {
        try SyncObject.allCases.map { CronSchedule(name: "sync-\($0.rawValue)", everySeconds: minutes * 60, job: try job(Payload(object: $0))) }
    }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        do {
            let report = try await service.run(payload.object, full: payload.full)
            _ = try await DispatchJob.enqueue(DispatchJob.Payload(), on: service.database)
            return try .complete(encoding: report)
        } catch SyncError.alreadyRunning {
            return .complete(result: #"{"skipped": "another run of this object was in progress"}"#)
        }
    }
}
