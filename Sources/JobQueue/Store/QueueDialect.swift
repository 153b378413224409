import SQLKit

/// The few places where PostgreSQL and SQLite differ for the queue.
public enum QueueDialect: Sendable {
    case postgres
    case sqlite

    init(_ database: any SQLDatabase) throws(JobQueueError) {
        switch database.dialect.name {
        case "postgresql": self = .postgres
        case "sqlite": self = .sqlite
        case let other: throw .unsupportedDatabase(other)
        }
    }

    /// Row locks for the claim's subquery: concurrent claimers skip each other's rows on PostgreSQL;
    /// SQLite has one writer at a time, so it needs none.
    var claimLock: String {
        switch self {
        case .postgres: " FOR UPDATE SKIP LOCKED"
        case .sqlite: ""
        }
    }

    /// Whether enqueues send `NOTIFY` (delivered when the enqueuing transaction commits).
    var notifies: Bool { self == .postgres }
}
