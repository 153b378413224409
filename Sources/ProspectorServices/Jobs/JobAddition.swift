import Foundation
import JobQueue

/// A job added by name from outside, as BullMQ's `queue.add(name, data, opts)` adds one (`POST /api/jobs`,
/// `prospector jobs add`).
public struct JobAddition: Sendable, Equatable {
    public var name: String
    /// Must be the kind's queue when given.
    public var queue: String?
    /// The job's data as JSON.
    public var data: Data
    public var attempts: Int?
    public var backoff: JobBackoff?
    public var delayMilliseconds: Int?
    public var priority: Int?
    public var jobId: String?
    public var removeOnComplete: JobRemoval?
    public var removeOnFail: JobRemoval?
    /// Our API key that adds it: the job's credits count against it.
    public var apiKeyID: String?

    public init(
        name: String, queue: String? = nil, data: Data, attempts: Int? = nil, backoff: JobBackoff? = nil, delayMilliseconds: Int? = nil,
        priority: Int? = nil, jobId: String? = nil, removeOnComplete: JobRemoval? = nil, removeOnFail: JobRemoval? = nil,
        apiKeyID: String? = nil
    ) {
        self.apiKeyID = apiKeyID
        self.name = name
        self.queue = queue
        self.data = data
        self.attempts = attempts
        self.backoff = backoff
        self.delayMilliseconds = delayMilliseconds
        self.priority = priority
        self.jobId = jobId
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
    }

    /// BullMQ's bounds: priorities up to 2^21; we also cap attempts, delays and backoff at sane values.
    public static let attemptsRange = 1...100
    public static let priorityRange = 0...2_097_152
    public static let delayRange = 0...2_592_000_000
    public static let backoffDelayRange = 0...86_400_000
    /// The largest count of finished jobs `removeOnComplete` / `removeOnFail` can keep, and the largest age (seconds).
    public static let removalCountMax = 1_000_000_000
    public static let removalAgeMax = 315_360_000.0
}

extension JobAddition {
    /// `fixed:1000`, `exponential:5000`, or a bare number of milliseconds (fixed, as BullMQ reads a number).
    public static func backoff(parsing text: String, field: String) throws(ServiceError) -> JobBackoff {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 1, let milliseconds = Int(parts[0]), milliseconds >= 0 { return JobBackoff(.fixed, delayMilliseconds: milliseconds) }
        guard parts.count == 2, let kind = JobBackoff.Kind(rawValue: parts[0]), let milliseconds = Int(parts[1]), milliseconds >= 0 else {
            throw .invalid(field: field, problem: "must be fixed:MS, exponential:MS or a number of milliseconds")
        }
        return JobBackoff(kind, delayMilliseconds: milliseconds)
    }

    /// `true` (remove at once), `false` (keep: nil) or a count of finished jobs to keep.
    public static func removal(parsing text: String, field: String) throws(ServiceError) -> JobRemoval? {
        switch text {
        case "true": return .immediately
        case "false": return nil
        default:
            guard let count = Int(text), count >= 0 else { throw .invalid(field: field, problem: "must be true, false or a count ≥ 0") }
            return JobRemoval(count: count)
        }
    }
}

/// What an addition made: the job (new, or the one its `jobId` already named).
public struct JobAdded: Sendable, Equatable, Encodable {
    /// The job's number: a SQL job's, or a BullMQ job's when BullMQ numbered it. Absent for a BullMQ job named by the
    /// adder's `jobId`, which has no number.
    public var id: Int64?
    /// The adder's `jobId`; for a BullMQ job on Redis, its id there (BullMQ's `job.id`).
    public var jobId: String?
    public var name: String
    public var queue: String
    /// Whether a job with this `jobId` (or unique key) was already there.
    public var existing: Bool
    /// `redis` for a BullMQ job on Redis, else `sql`.
    public var backend: String
    /// How to find the job again (``JobService/find(_:)``).
    public let reference: JobReference

    /// A SQL job.
    init(sql id: Int64, jobId: String?, name: String, queue: String, existing: Bool) {
        (self.id, self.jobId, self.name, self.queue, self.existing, backend) = (id, jobId, name, queue, existing, "sql")
        reference = JobReference(id)
    }

    /// A BullMQ job on Redis, by BullMQ's id for it: the adder's `jobId`, or BullMQ's number as text.
    init(bullmq id: String, name: String, queue: String, existing: Bool) {
        (self.id, jobId, self.name, self.queue, self.existing, backend) = (Int64(id), id, name, queue, existing, "redis")
        reference = JobReference(id: id, queue: queue)
    }

    private enum CodingKeys: String, CodingKey { case id, jobId, name, queue, existing, backend }
}

/// A job kind that can be added by name: its queue, and how its data becomes the job (``ProspectorJob/job(_:delay:)``,
/// with the kind's own attempts, options and unique key).
public struct AddableJob: Sendable {
    public let kind: String
    public let queue: QueueName
    /// Reads and validates the data, attributing it to an API key; returns the job as the kind enqueues it and the
    /// people it names (checked against the suppression list before it is enqueued).
    let job: @Sendable (Data, String?) throws(ServiceError) -> (job: NewJob, people: [SuppressionSubject])

    init<Job: ProspectorJob>(_ kind: Job.Type) {
        self.kind = Job.kind
        queue = Job.queue
        job = { data, apiKeyID throws(ServiceError) in
            var decoded: Job.Payload
            do {
                decoded = try JSONDecoder().decode(Job.Payload.self, from: data)
            } catch let error as DecodingError {
                let problem = DecodingProblem(error, root: "data")
                throw .invalid(field: problem.field, problem: problem.problem)
            } catch {
                throw .invalid(field: "data", problem: "must be a JSON object")
            }
            if let attributed = decoded as? any AttributedPayload, let payload = attributed.attributed(to: apiKeyID) as? Job.Payload {
                decoded = payload
            }
            try Job.validate(decoded)
            do {
                return (try Job.job(decoded), Job.people(in: decoded))
            } catch {
                throw .invalid(field: "data", problem: "cannot be stored (\(error))")
            }
        }
    }
}

/// A payload that names the API key its job's Apollo calls are attributed to.
public protocol AttributedPayload {
    var apiKeyID: String? { get set }
}

extension AttributedPayload {
    /// The payload attributed to `key` (whatever the adder's data said).
    func attributed(to key: String?) -> Self {
        var copy = self
        copy.apiKeyID = key
        return copy
    }
}
