import Foundation
import JobQueue
import ProspectorServices
import Vapor

/// A job's progress as a bar: BullMQ's number (0–100), or `{done, total}` as Prospector's jobs report it.
struct JobProgressBar: Encodable {
    var percent: Int
    var label: String

    init?(_ progress: String?, state: JobState) {
        if state == .completed {
            self.init(percent: 100, label: "done")
            return
        }
        guard let progress, let value = try? JSONSerialization.jsonObject(with: Data(progress.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        if let number = value as? Double {
            self.init(percent: Int(min(max(number, 0), 100)), label: "\(Int(number)) %")
        } else if let object = value as? [String: Any], let done = object["done"] as? Double, let total = object["total"] as? Double, total > 0 {
            self.init(percent: Int(min(done / total, 1) * 100), label: "\(Int(done)) of \(Int(total))")
        } else {
            return nil
        }
    }

    private init(percent: Int, label: String) {
        self.percent = percent
        self.label = label
    }
}

/// One job in a list or on its own page.
struct JobRow: Encodable {
    /// The id shown: a SQL job's number, or a BullMQ job's id on its queue.
    var id: String
    /// What names it in `/jobs/live` and `data-job`: the number, or `queue:id` for a BullMQ job on Redis.
    var key: String
    /// Its page, and the page's actions below it (`…/retry`, `…/cancel`, the queue kept in the query).
    var path: String
    var actionQuery: String
    var queue: String
    var kind: String
    var state: String
    var attempts: String
    var progress: JobProgressBar?
    var updatedAt: String
    var canRetry: Bool
    var canCancel: Bool
    var payload: String
    var result: String?
    var lastError: String?
    var createdAt: String
    var finishedAt: String

    init(_ job: JobRecord) {
        let reference = Self.reference(of: job)
        id = reference.id
        key = reference.queue.map { "\($0):\(reference.id)" } ?? reference.id
        actionQuery = reference.queue.map { "?queue=\($0)" } ?? ""
        path = "/jobs/\(reference.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? reference.id)"
        queue = job.queue
        kind = job.kind
        state = job.state.rawValue
        attempts = "\(job.attempt) of \(job.maxAttempts)"
        progress = JobProgressBar(job.progress, state: job.state)
        updatedAt = DashboardFormat.time(seconds: job.updatedAt)
        canRetry = job.state == .dead || job.state == .cancelled
        canCancel = job.state == .available || job.state == .running
        payload = Self.pretty(job.payload)
        result = job.result.map(Self.pretty)
        lastError = job.lastError
        createdAt = DashboardFormat.time(seconds: job.createdAt)
        finishedAt = DashboardFormat.time(seconds: job.finishedAt)
    }

    static func reference(of job: JobRecord) -> JobReference {
        job.bullmqID.map { JobReference(id: $0, queue: job.queue) } ?? JobReference(job.id)
    }

    /// A `key` back to the job it names.
    static func reference(_ key: String) -> JobReference {
        guard let colon = key.firstIndex(of: ":") else { return JobReference(id: key) }
        return JobReference(id: String(key[key.index(after: colon)...]), queue: String(key[..<colon]))
    }

    /// The job's page after an action.
    static func link(_ reference: JobReference, done: String) -> String {
        let path = "/jobs/\(reference.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? reference.id)"
        return path + (reference.queue.map { "?queue=\($0)&done=\(done)" } ?? "?done=\(done)")
    }

    static func pretty(_ json: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The jobs page: counts by queue and state (each a filter link), and the newest jobs of the filter.
struct JobsPage: Encodable {
    struct Count: Encodable {
        var state: String
        var count: Int
    }

    struct QueueCounts: Encodable {
        var queue: String
        var counts: [Count]
    }

    var chrome: PageChrome
    var states: [String]
    var queues: [QueueCounts]
    var queue: String
    var state: String
    var jobs: [JobRow]
    /// Redis did not answer: its queues and jobs are not shown.
    var redisUnavailable: Bool

    init(chrome: PageChrome, depths: JobDepths, queue: String?, state: String?, jobs: [JobRecord]) {
        self.chrome = chrome
        self.states = JobState.allCases.map(\.rawValue)
        self.redisUnavailable = depths.redisUnavailable != nil
        self.queues = depths.queues.map { depth in
            QueueCounts(queue: depth.queue, counts: JobState.allCases.map { Count(state: $0.rawValue, count: depth.count($0)) })
        }
        self.queue = queue ?? ""
        self.state = state ?? ""
        self.jobs = jobs.map(JobRow.init)
    }
}

/// One job's page.
struct JobPage: Encodable {
    var chrome: PageChrome
    var job: JobRow
}

/// What the page's script polls for running jobs' bars.
struct JobLiveState: Content {
    /// The row's `key` (``JobRow``).
    var id: String
    var state: String
    var percent: Int?
    var label: String?

    init(_ job: JobRecord, reference: JobReference) {
        let bar = JobProgressBar(job.progress, state: job.state)
        id = reference.queue.map { "\($0):\(reference.id)" } ?? reference.id
        state = job.state.rawValue
        percent = bar?.percent
        label = bar?.label
    }
}
