import FluentKit
import Foundation
import JobQueue
import RedisClient

/// The operator's view of the queue: list, show, retry and cancel jobs, and enqueue the ones services ask for.
public struct JobService: Sendable {
    let database: any Database
    let suppressions: SuppressionList?
    /// Redis, when jobs added by name go to BullMQ queues there.
    let redis: RedisPool?

    public init(database: any Database, suppressions: SuppressionList? = nil, redis: RedisPool? = nil) {
        self.database = database
        self.suppressions = suppressions
        self.redis = redis
    }

    /// The names a job state is listed by.
    public static var stateNames: [String] { JobState.allCases.map(\.rawValue) }

    /// The newest jobs, optionally in one state (by name) and one queue.
    public func list(state: String?, queue: String?, limit: Int) async throws -> [JobRecord] {
        let parsed = try state.map { name in
            guard let state = JobState(rawValue: name) else {
                throw ServiceError.invalid(field: "state", problem: "must be one of \(Self.stateNames.joined(separator: ", "))")
            }
            return state
        }
        return try await store().list(state: parsed, queue: queue, limit: limit)
    }

    /// One job; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ id: Int64) async throws -> JobRecord {
        guard let job = try await store().job(id: id) else { throw ServiceError.notFound("job \(id) does not exist") }
        return job
    }

    /// Makes a dead or cancelled job available again and returns it.
    public func retry(_ id: Int64) async throws -> JobRecord {
        try await mapped { try await store().retry(id: id) }
        return try await find(id)
    }

    /// Cancels a pending job, or asks the worker of a running one to stop it; returns the job as it is now.
    public func cancel(_ id: Int64) async throws -> JobRecord {
        try await mapped { _ = try await store().cancel(id: id) }
        return try await find(id)
    }

    /// Adds a job by name with BullMQ's options; nothing is enqueued when the name, the data or an option is refused
    /// (``ServiceError/invalid(field:problem:)`` names it).
    public func add(_ addition: JobAddition) async throws -> JobAdded {
        guard let addable = ProspectorJobs.addable[addition.name] else {
            throw ServiceError.invalid(
                field: "name", problem: "must be one of \(ProspectorJobs.addable.keys.sorted().joined(separator: ", "))")
        }
        if let queue = addition.queue, queue != addable.queue.rawValue {
            throw ServiceError.invalid(field: "queue", problem: "\(addition.name) runs on \(addable.queue.rawValue)")
        }
        try Self.check(addition)
        var (job, people) = try addable.job(addition.data, addition.apiKeyID)
        // A job naming a suppressed person is refused before it is stored: its data would hold them again.
        if let kind = try await suppressions?.check(people, on: database).compactMap({ $0 }).first {
            throw ServiceError.suppressed(kind.skipReason)
        }
        job.options.jobKey = addition.jobId
        if let backoff = addition.backoff { job.options.backoff = backoff }
        if let removal = addition.removeOnComplete { job.options.removeOnComplete = removal }
        if let removal = addition.removeOnFail { job.options.removeOnFail = removal }
        if let attempts = addition.attempts { job.maxAttempts = attempts }
        if let priority = addition.priority { job.priority = priority }
        if let delay = addition.delayMilliseconds { job.runAt = Date().timeIntervalSince1970 + Double(delay) / 1_000 }
        if let redis { return try await addToRedis(job, addition: addition, queue: addable.queue.rawValue, redis: redis) }
        let result = try await JobStore.enqueue(job, on: database)
        return JobAdded(id: result.id, jobId: addition.jobId, name: addable.kind, queue: addable.queue.rawValue, existing: result.existing)
    }

    private static func check(_ addition: JobAddition) throws(ServiceError) {
        func within(_ value: Int?, _ range: ClosedRange<Int>, _ field: String) throws(ServiceError) {
            guard let value, !range.contains(value) else { return }
            throw .invalid(field: field, problem: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        try within(addition.attempts, JobAddition.attemptsRange, "opts.attempts")
        try within(addition.priority, JobAddition.priorityRange, "opts.priority")
        try within(addition.delayMilliseconds, JobAddition.delayRange, "opts.delay")
        try within(addition.backoff?.delayMilliseconds, JobAddition.backoffDelayRange, "opts.backoff.delay")
        if let jobId = addition.jobId {
            // BullMQ refuses integer custom ids (they would collide with its own counter) and ids with ':' (its key separator).
            let digitsOnly = jobId.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...255).contains(jobId.unicodeScalars.count), !digitsOnly, !jobId.contains(":") else {
                throw .invalid(field: "opts.jobId", problem: "must be 1 to 255 characters, not only digits, without ':'")
            }
        }
    }

    func store() throws -> JobStore { try JobStore(database: database) }

    private func mapped(_ operation: () async throws -> Void) async throws {
        do {
            try await operation()
        } catch let error as JobQueueError {
            switch error {
            case .notFound: throw ServiceError.notFound(error.description)
            case .invalidState: throw ServiceError.conflict(error.description)
            default: throw error
            }
        }
    }
}
