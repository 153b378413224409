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
public struct JobAdded: Sendable, Equatable, Codable {
    public var id: Int64
    public var jobId: String?
    public var name: String
    public var queue: String
    /// Whether a job with this `jobId` (or unique key) was already there.
    public var existing: Bool
}

/// A job kind that can be added by name: its queue, its defaults, and how its data is read.
public struct AddableJob: Sendable {
    public let kind: String
    public let queue: QueueName
    let maxAttempts: Int
    let options: JobOptions
    let uniqueKey: @Sendable (Data) -> String?
    /// Reads and validates the data, attributing it to an API key; returns the payload as stored.
    let payload: @Sendable (Data, String?) throws(ServiceError) -> String

    init<Job: ProspectorJob>(_ job: Job.Type) {
        kind = Job.kind
        queue = Job.queue
        maxAttempts = Job.maxAttempts
        options = Job.options
        uniqueKey = { data in (try? JSONDecoder().decode(Job.Payload.self, from: data)).flatMap(Job.uniqueKey(for:)) }
        payload = { data, apiKeyID throws(ServiceError) in
            var decoded: Job.Payload
            do {
                decoded = try JSONDecoder().decode(Job.Payload.self, from: data)
            } catch let error as DecodingError {
                throw DataProblem.serviceError(error)
            } catch {
                throw .invalid(field: "data", problem: "must be a JSON object")
            }
            if let attributed = decoded as? any AttributedPayload, let payload = attributed.attributed(to: apiKeyID) as? Job.Payload {
                decoded = payload
            }
            try Job.validate(decoded)
            do {
                return String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
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

/// A decoding failure of a job's data, as the field it concerns.
enum DataProblem {
    static func serviceError(_ error: DecodingError) -> ServiceError {
        func field(_ path: [any CodingKey]) -> String {
            path.reduce("data") { text, key in key.intValue.map { "\(text)[\($0)]" } ?? "\(text).\(key.stringValue)" }
        }
        switch error {
        case .keyNotFound(let key, let context): return .invalid(field: field(context.codingPath + [key]), problem: "is required")
        case .valueNotFound(let type, let context): return .invalid(field: field(context.codingPath), problem: "must be \(kind(type)), not null")
        case .typeMismatch(let type, let context): return .invalid(field: field(context.codingPath), problem: "must be \(kind(type))")
        case .dataCorrupted(let context): return .invalid(field: field(context.codingPath), problem: "must be valid JSON")
        @unknown default: return .invalid(field: "data", problem: "cannot be read")
        }
    }

    /// A JSON kind for a Swift type, as a caller writing JSON knows it.
    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is any Numeric.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
