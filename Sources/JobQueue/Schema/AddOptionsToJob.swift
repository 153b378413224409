import FluentKit
import SQLKit

/// Adds BullMQ's per-job options to `jobs`: backoff, the caller's job id (unique), removal on completion and failure.
public struct AddOptionsToJob: AsyncMigration {
    public init() {}

    static let columns = [
        "backoff_kind VARCHAR(16)", "backoff_delay_ms BIGINT", "job_key TEXT", "remove_on_complete_count BIGINT",
        "remove_on_complete_age DOUBLE PRECISION", "remove_on_fail_count BIGINT", "remove_on_fail_age DOUBLE PRECISION",
    ]

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in Self.columns { try await sql.raw("ALTER TABLE jobs ADD COLUMN \(unsafeRaw: column)").run() }
        try await sql.raw("CREATE UNIQUE INDEX jobs_job_key ON jobs (job_key) WHERE job_key IS NOT NULL").run()
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX jobs_job_key").run()
        for column in Self.columns.reversed() {
            try await sql.raw("ALTER TABLE jobs DROP COLUMN \(unsafeRaw: String(column.prefix { $0 != " " }))").run()
        }
    }
}
