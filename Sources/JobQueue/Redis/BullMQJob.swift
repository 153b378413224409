import Foundation

/// What to add to a BullMQ queue: BullMQ's `queue.add(name, data, opts)`.
public struct BullMQAddition: Sendable, Equatable {
    public var name: String
    /// The job's data as JSON text.
    public var data: String
    public var attempts: Int
    public var backoff: JobBackoff?
    public var delayMilliseconds: Int
    public var priority: Int
    public var jobId: String?
    public var removeOnComplete: JobRemoval?
    public var removeOnFail: JobRemoval?
    public var lifo: Bool

    public init(
        name: String, data: String, attempts: Int = 1, backoff: JobBackoff? = nil, delayMilliseconds: Int = 0, priority: Int = 0,
        jobId: String? = nil, removeOnComplete: JobRemoval? = nil, removeOnFail: JobRemoval? = nil, lifo: Bool = false
    ) {
        self.name = name
        self.data = data
        self.attempts = attempts
        self.backoff = backoff
        self.delayMilliseconds = delayMilliseconds
        self.priority = priority
        self.jobId = jobId
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
        self.lifo = lifo
    }

    /// The options as BullMQ stores them in the job's `opts` field.
    var optionsJSON: String {
        var options: [String: Any] = ["attempts": attempts]
        if delayMilliseconds > 0 { options["delay"] = delayMilliseconds }
        if priority > 0 { options["priority"] = priority }
        if let jobId { options["jobId"] = jobId }
        if lifo { options["lifo"] = true }
        if let backoff { options["backoff"] = ["type": backoff.kind.rawValue, "delay": backoff.delayMilliseconds] }
        if let removeOnComplete { options["removeOnComplete"] = Self.json(removeOnComplete) }
        if let removeOnFail { options["removeOnFail"] = Self.json(removeOnFail) }
        let data = (try? JSONSerialization.data(withJSONObject: options, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func json(_ removal: JobRemoval) -> Any {
        if removal == .immediately { return true }
        var object: [String: Any] = [:]
        if let count = removal.count { object["count"] = count }
        if let age = removal.ageSeconds { object["age"] = age }
        return object
    }
}

/// An active job taken from a BullMQ queue, with the lock token this worker holds it by.
struct BullMQJob: Sendable {
    let id: String
    let name: String
    let data: String
    let token: String
    /// Attempts finished before this one (BullMQ's `attemptsMade`).
    let attemptsMade: Int
    let attempts: Int
    let backoff: JobBackoff?
    let keepOnComplete: Int
    let keepOnFail: Int
    let timestamp: Double
    /// The delay it was added with, in milliseconds (its due time is `timestamp` plus this).
    let delayMilliseconds: Int
    let progress: String?

    init(id: String, fields: [String: String], token: String) {
        self.id = id
        self.token = token
        name = fields["name"] ?? ""
        data = fields["data"] ?? "{}"
        attemptsMade = Int(fields["atm"] ?? fields["attemptsMade"] ?? "0") ?? 0
        timestamp = (Double(fields["timestamp"] ?? "0") ?? 0) / 1_000
        progress = fields["progress"]
        delayMilliseconds = Int(fields["delay"] ?? "0") ?? 0
        let options = (fields["opts"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]) ?? [:]
        attempts = max(1, (options["attempts"] as? NSNumber)?.intValue ?? 1)
        backoff = Self.backoff(options["backoff"])
        keepOnComplete = Self.keep(options["removeOnComplete"])
        keepOnFail = Self.keep(options["removeOnFail"])
    }

    /// BullMQ's `backoff`: a number (fixed delay) or `{type, delay}`.
    static func backoff(_ value: Any?) -> JobBackoff? {
        if let delay = value as? NSNumber { return JobBackoff(.fixed, delayMilliseconds: delay.intValue) }
        guard let object = value as? [String: Any], let type = object["type"] as? String, let kind = JobBackoff.Kind(rawValue: type) else {
            return nil
        }
        return JobBackoff(kind, delayMilliseconds: (object["delay"] as? NSNumber)?.intValue ?? 0)
    }

    /// How many finished jobs to keep: -1 all (the default), 0 none (`true`), or a count (a number or `{count}`).
    static func keep(_ value: Any?) -> Int {
        switch value {
        case let flag as Bool where flag: return 0
        case let number as NSNumber where !(value is Bool): return max(0, number.intValue)
        case let object as [String: Any]: return (object["count"] as? NSNumber)?.intValue ?? -1
        default: return -1
        }
    }

    /// The job as the queue's handlers see it.
    func record(queue: String) -> JobRecord {
        let now = Date().timeIntervalSince1970
        return JobRecord(
            id: Int64(id) ?? Int64(truncatingIfNeeded: id.hashValue & Int.max), queue: queue, kind: name, payload: data, state: .running,
            priority: 0, runAt: now, attempt: attemptsMade + 1, maxAttempts: attempts, uniqueKey: id, workerID: nil, leaseExpiresAt: nil,
            cancelRequested: false, progress: progress, result: nil, lastError: nil, createdAt: timestamp, updatedAt: now, finishedAt: nil,
            options: JobOptions(backoff: backoff, jobKey: id), bullmqID: id)
    }
}
