/// Why the queue refused an operation.
public enum JobQueueError: Error, Equatable, CustomStringConvertible {
    /// The worker no longer holds the job's lease (it expired, or another attempt took over): its write is rejected.
    case leaseLost(jobID: Int64, attempt: Int)
    /// No job with that id, or not in a state that allows the operation.
    case notFound(jobID: Int64)
    case invalidState(jobID: Int64, state: JobState, operation: String)
    /// Another process already runs a worker on this SQLite database.
    case sqliteWorkerAlreadyRunning(lockPath: String)
    /// The database is neither PostgreSQL nor SQLite.
    case unsupportedDatabase(String)
    case invalidQueueSpec(String)

    public var description: String {
        switch self {
        case .leaseLost(let id, let attempt): "job \(id): attempt \(attempt) no longer holds the lease; its write was rejected"
        case .notFound(let id): "job \(id) does not exist"
        case .invalidState(let id, let state, let operation): "job \(id) is \(state.rawValue) and cannot be \(operation)"
        case .sqliteWorkerAlreadyRunning(let path):
            "another process already runs a worker on this SQLite database (lock \(path) is held); "
                + "SQLite supports one worker process: stop the other one or use PostgreSQL"
        case .unsupportedDatabase(let name): "the job queue runs on PostgreSQL or SQLite, not \(name)"
        case .invalidQueueSpec(let text): "invalid queue list \"\(text)\": expected name=concurrency[,name=concurrency…]"
        }
    }
}
