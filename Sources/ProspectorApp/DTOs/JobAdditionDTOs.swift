import ApolloIOClient
import Foundation
import JobQueue
import ProspectorServices
import Vapor

/// `POST /api/jobs`: BullMQ's `queue.add(name, data, opts)` over HTTP.
struct AddJobBody: RequestBody {
    var queue: String?
    var name: String
    var data: JSONNode?
    var opts: JobOptionsBody?

    func validate() throws(APIError) {
        try Check.text(name, "name", required: true, max: 200)
        try Check.text(queue, "queue", max: 200)
    }

    /// The addition for the job service; data defaults to `{}`.
    func addition() throws -> JobAddition {
        let options = opts ?? JobOptionsBody()
        return JobAddition(
            name: name, queue: queue, data: try JSONEncoder().encode(data ?? .object([:])), attempts: options.attempts,
            backoff: options.backoff?.backoff, delayMilliseconds: options.delay, priority: options.priority, jobId: options.jobId,
            removeOnComplete: options.removeOnComplete?.removal, removeOnFail: options.removeOnFail?.removal)
    }
}

/// The BullMQ job options Prospector honours; others (`lifo`, `repeat`, …) are ignored.
struct JobOptionsBody: Decodable, Sendable {
    var attempts: Int?
    var backoff: BackoffBody?
    /// Milliseconds before the job may run.
    var delay: Int?
    var priority: Int?
    var jobId: String?
    var removeOnComplete: RemovalBody?
    var removeOnFail: RemovalBody?
}

/// BullMQ's `backoff`: a number (a fixed delay in ms) or `{type: fixed|exponential, delay}`.
struct BackoffBody: Decodable, Sendable {
    var backoff: JobBackoff

    private enum CodingKeys: String, CodingKey { case type, delay }

    init(from decoder: any Decoder) throws {
        if let milliseconds = try? decoder.singleValueContainer().decode(Int.self) {
            backoff = JobBackoff(.fixed, delayMilliseconds: milliseconds)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard let kind = JobBackoff.Kind(rawValue: type) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "must be fixed or exponential")
        }
        backoff = JobBackoff(kind, delayMilliseconds: try container.decodeIfPresent(Int.self, forKey: .delay) ?? 0)
    }
}

/// BullMQ's `removeOnComplete` / `removeOnFail`: `true` (at once), `false` (keep), a count to keep, or `{age, count}`
/// (age in seconds).
struct RemovalBody: Decodable, Sendable {
    var removal: JobRemoval?

    private enum CodingKeys: String, CodingKey { case age, count }

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let flag = try? single.decode(Bool.self) {
            removal = flag ? .immediately : nil
        } else if let number = try? single.decode(Double.self) {
            guard let count = Int(exactly: number), (0...JobAddition.removalCountMax).contains(count) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "must be a count from 0 to \(JobAddition.removalCountMax)")
            }
            removal = JobRemoval(count: count)
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let age = try container.decodeIfPresent(Double.self, forKey: .age)
            let count = try container.decodeIfPresent(Double.self, forKey: .count)
            guard (0..<JobAddition.removalAgeMax).contains(age ?? 0) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .age, in: container, debugDescription: "must be from 0 to \(Int(JobAddition.removalAgeMax)) seconds")
            }
            guard count.map({ Int(exactly: $0).map { (0...JobAddition.removalCountMax).contains($0) } ?? false }) ?? true else {
                throw DecodingError.dataCorruptedError(
                    forKey: .count, in: container, debugDescription: "must be a count from 0 to \(JobAddition.removalCountMax)")
            }
            removal = JobRemoval(count: count.map { Int($0) }, ageSeconds: age)
        }
    }
}

/// The answer to `POST /api/jobs`.
struct JobAddedResponse: Content {
    /// Absent for a BullMQ job named by the adder's `jobId`: it has no number.
    var id: Int64?
    var jobId: String?
    var name: String
    var queue: String
    var existing: Bool
    var backend: String

    init(_ added: JobAdded) {
        id = added.id
        jobId = added.jobId
        name = added.name
        queue = added.queue
        existing = added.existing
        backend = added.backend
    }
}
