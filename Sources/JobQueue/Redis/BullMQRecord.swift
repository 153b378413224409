import Foundation

/// A BullMQ job hash read as a ``JobRecord``: the one shape `prospector jobs`, `/api/jobs` and the dashboard show,
/// whichever backend holds the job.
enum BullMQRecord {
    /// BullMQ's state names that one of ours covers.
    static func states(of state: JobState) -> Set<String> {
        switch state {
        case .available: return ["waiting", "prioritized", "delayed"]
        case .running: return ["active"]
        case .completed: return ["completed"]
        case .dead, .cancelled: return ["failed"]
        }
    }

    /// The record of job `id` from its hash and BullMQ state; nil for an empty hash (the job is gone).
    static func record(id: String, fields: [String: String], state: String, queue: String) -> JobRecord? {
        guard !fields.isEmpty else { return nil }
        let options = (fields["opts"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]) ?? [:]
        func milliseconds(_ field: String) -> Double? { fields[field].flatMap(Double.init).map { $0 / 1_000 } }
        let created = milliseconds("timestamp") ?? 0
        let finished = milliseconds("finishedOn")
        // Our `attempt` is the current or last attempt's number: BullMQ's finished attempts, plus the running one.
        let attemptsMade = Int(fields["atm"] ?? fields["attemptsMade"] ?? "0") ?? 0
        let attempt = state == "active" ? attemptsMade + 1 : attemptsMade
        let ourState: JobState =
            switch state {
            case "active": .running
            case "completed": .completed
            case "failed": fields["cancelled"] == "1" ? .cancelled : .dead
            default: .available
            }
        return JobRecord(
            id: Int64(id) ?? 0, queue: queue, kind: fields["name"] ?? "", payload: fields["data"] ?? "{}", state: ourState,
            priority: Int(fields["priority"] ?? "0") ?? 0, runAt: created + (Double(fields["delay"] ?? "0") ?? 0) / 1_000,
            attempt: attempt, maxAttempts: max(1, (options["attempts"] as? NSNumber)?.intValue ?? 1), uniqueKey: nil,
            workerID: fields["pb"], leaseExpiresAt: nil, cancelRequested: fields["pcr"] == "1", progress: fields["progress"],
            result: fields["returnvalue"], lastError: fields["failedReason"].flatMap { $0.isEmpty ? nil : $0 }, createdAt: created,
            updatedAt: finished ?? milliseconds("processedOn") ?? created,
            finishedAt: ourState == .available || ourState == .running ? nil : finished,
            options: JobOptions(backoff: BullMQJob.backoff(options["backoff"]), jobKey: Int64(id) == nil ? id : options["jobId"] as? String),
            bullmqID: id)
    }
}
