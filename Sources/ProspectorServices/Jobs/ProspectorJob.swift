import ApolloIOClient
import FluentKit
import Foundation
import JobQueue

/// A kind of background job: its payload type, its name on the queue, its queue and options, and what one attempt
/// does. ``JobRegistry/register(_:clock:)`` adapts it to the queue (payload decoding, the Apollo call context, the
/// outcome of an Apollo failure), so a job kind states only its own work.
public protocol ProspectorJob: Sendable {
    associatedtype Payload: Codable & Sendable

    /// The kind name stored with each job (stable: queued jobs are found by it after an upgrade).
    static var kind: String { get }
    static var queue: QueueName { get }
    static var maxAttempts: Int { get }
    /// Backoff and removal unless the job's adder says otherwise (BullMQ's `defaultJobOptions` of its queue).
    static var options: JobOptions { get }

    /// One pending or running job per key; nil: no such limit.
    static func uniqueKey(for payload: Payload) -> String?
    /// The API key an Apollo call of this job is attributed to (credit budgets, the ledger).
    static func apiKeyID(of payload: Payload) -> String?
    /// The people a payload names, checked against the suppression list when it is added from outside.
    static func people(in payload: Payload) -> [SuppressionSubject]
    /// Refuses a payload added from outside (`POST /api/jobs`) that the job could not run, naming the field.
    static func validate(_ payload: Payload) throws(ServiceError)

    /// Runs one attempt. An ``ApolloError`` thrown here becomes the job's outcome by ``ApolloJobOutcome``; any other
    /// error is a failure retried with backoff.
    func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome
}

extension ProspectorJob {
    public static func uniqueKey(for payload: Payload) -> String? { nil }
    public static func apiKeyID(of payload: Payload) -> String? { nil }
    public static var options: JobOptions { JobOptions() }
    public static func validate(_ payload: Payload) throws(ServiceError) {}
    public static func people(in payload: Payload) -> [SuppressionSubject] { [] }

    /// The job for `payload`, ready to enqueue; `delay` seconds from now when given.
    public static func job(_ payload: Payload, delay: Double? = nil) throws -> NewJob {
        NewJob(
            kind: kind, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), queue: queue.rawValue,
            runAt: delay.map { Date().timeIntervalSince1970 + $0 }, maxAttempts: maxAttempts, uniqueKey: uniqueKey(for: payload),
            options: options)
    }

    /// Enqueues the job for `payload` on `database` (the caller's transaction, if any).
    public static func enqueue(_ payload: Payload, delay: Double? = nil, on database: any Database) async throws -> EnqueueResult {
        try await JobStore.enqueue(job(payload, delay: delay), on: database)
    }
}

extension JobOutcome {
    /// Complete, keeping `value` as the job's JSON result.
    public static func complete(encoding value: some Encodable) throws -> JobOutcome {
        .complete(result: String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }
}

extension JobRegistry {
    /// Registers `job` under its kind: its payload is decoded (a payload that cannot be read makes the job dead at
    /// once, with the reason), its Apollo calls run as background calls of this job, and an Apollo failure becomes
    /// the outcome ``ApolloJobOutcome`` gives in `clock`'s time.
    public mutating func register<Job: ProspectorJob>(_ job: Job, clock: any ApolloClock) {
        register(Job.kind) { context in
            let payload: Job.Payload
            do {
                payload = try JSONDecoder().decode(Job.Payload.self, from: Data(context.payload.utf8))
            } catch {
                return .discard(reason: "invalid \(Job.kind) payload: \(error)")
            }
            let call = ApolloCallContext(priority: .background, apiKeyID: Job.apiKeyID(of: payload), jobID: context.job.id)
            do {
                return try await ApolloCallContext.$current.withValue(call) { try await job.run(payload, context: context) }
            } catch let error as ApolloError {
                return ApolloJobOutcome.outcome(for: error, clock: clock)
            }
        }
    }
}
