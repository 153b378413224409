import ApolloIOClient
import FluentKit
import Foundation
import JobQueue

/// A sync run as a job (`sync.run` on the `sync` queue), enqueued by cron per object or on demand; the unique key
/// keeps one pending or running job per object.
public struct SyncJob: Sendable {
    public static let kind = "sync.run"
    public static let queue = "sync"

    public struct Payload: Codable, Sendable, Equatable {
        public var object: SyncObject
        public var full: Bool
    }

    let service: SyncService
    let clock: any ApolloClock

    public init(service: SyncService, clock: any ApolloClock) {
        self.service = service
        self.clock = clock
    }

    public static func job(_ object: SyncObject, full: Bool = false) throws -> NewJob {
        NewJob(kind: kind, payload: String(decoding: try JSONEncoder().encode(Payload(object: object, full: full)), as: UTF8.self), queue: queue,
               maxAttempts: 20, uniqueKey: "sync:\(object.rawValue)")
    }

    /// One cron schedule per object, every `minutes`.
    public static func schedules(everyMinutes minutes: Double) throws -> [CronSchedule] {
        try SyncObject.allCases.map { CronSchedule(name: "sync-\($0.rawValue)", everySeconds: minutes * 60, job: try job($0)) }
    }

    public func register(in registry: inout JobRegistry) {
        registry.register(Self.kind) { context in try await run(context) }
    }

    func run(_ context: JobContext) async throws -> JobOutcome {
        let payload: Payload
        do { payload = try JSONDecoder().decode(Payload.self, from: Data(context.payload.utf8)) } catch {
            return .cancel(reason: "invalid sync.run payload: \(error)")
        }
        do {
            let report = try await service.run(payload.object, full: payload.full)
            _ = try await JobStore.enqueue(DispatchJob.job(), on: service.database)  // act on what the run found
            return .complete(result: String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        } catch let error as ApolloError {
            return ApolloJobOutcome.outcome(for: error, clock: clock)
        } catch SyncError.alreadyRunning {
            return .complete(result: #"{"skipped": "another run of this object was in progress"}"#)
        }
    }
}
