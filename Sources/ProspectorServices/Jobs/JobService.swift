import FluentKit
import Foundation
import JobQueue
import RedisClient

/// The operator's view of the queue: list, show, retry and cancel jobs, and enqueue the ones services ask for, on
/// whichever backend holds them (``JobPlacement``).
public struct JobService: Sendable {
    let database: any Database
    let suppressions: SuppressionList?
    let placement: JobPlacement

    public init(database: any Database, suppressions: SuppressionList? = nil, redis: RedisPool? = nil) {
        self.database = database
        self.suppressions = suppressions
        self.placement = JobPlacement(redis: redis)
    }

    /// The names a job state is listed by.
    public static var stateNames: [String] { JobState.allCases.map(\.rawValue) }

    /// The newest jobs, optionally in one state (by name) and one queue, from both backends (only from SQL when
    /// `includingRedis` is false).
    public func list(state: String?, queue: String?, limit: Int, includingRedis: Bool = true) async throws -> [JobRecord] {
        let parsed = try state.map { name in
            guard let state = JobState(rawValue: name) else {
                throw ServiceError.invalid(field: "state", problem: "must be one of \(Self.stateNames.joined(separator: ", "))")
            }
            return state
        }
        var jobs = try await store().list(state: parsed, queue: queue, limit: limit)
        let redisQueues = includingRedis ? placement.redisQueues.filter { queue == nil || $0 == queue }.sorted() : []
        guard !redisQueues.isEmpty else { return jobs }
        for name in redisQueues { jobs += try await placement.onRedis { try await placement.bullmq(name)!.jobs(in: parsed, limit: limit) } }
        return Array(jobs.sorted { $0.createdAt > $1.createdAt }.prefix(limit))
    }

    /// One job; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ reference: JobReference) async throws -> JobRecord {
        if let queue = placement.bullmq(reference.queue) {
            guard let job = try await placement.onRedis({ try await queue.job(reference.id) }) else {
                throw ServiceError.notFound("job \(reference) does not exist")
            }
            return job
        }
        guard let id = Int64(reference.id), let job = try await store().job(id: id) else {
            throw ServiceError.notFound("job \(reference) does not exist")
        }
        return job
    }

    /// Makes a dead or cancelled job available again and returns it.
    public func retry(_ reference: JobReference) async throws -> JobRecord {
        if let queue = placement.bullmq(reference.queue) {
            try await placement.onRedis { try await queue.retryFailed(reference.id) }
        } else {
            try await mapped { try await store().retry(id: try sqlID(reference)) }
        }
        return try await find(reference)
    }

    /// Cancels a pending job, or asks the worker of a running one to stop it; returns the job as it is now.
    public func cancel(_ reference: JobReference) async throws -> JobRecord {
        if let queue = placement.bullmq(reference.queue) {
            try await placement.onRedis { _ = try await queue.cancel(reference.id) }
        } else {
            try await mapped { _ = try await store().cancel(id: try sqlID(reference)) }
        }
        return try await find(reference)
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
        return try await placement.enqueue(job, jobId: addition.jobId, delayMilliseconds: addition.delayMilliseconds, on: database)
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

    private func sqlID(_ reference: JobReference) throws -> Int64 {
        guard let id = Int64(reference.id) else { throw ServiceError.notFound("job \(reference) does not exist") }
        return id
    }

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
