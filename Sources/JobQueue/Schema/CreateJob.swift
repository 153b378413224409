import FluentKit
import SQLKit

/// Creates `jobs` and its indexes. Times are epoch seconds (`double`) so both engines compare them alike.
public struct CreateJob: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("id", .int64, .identifier(auto: true))
            .field("queue", .string, .required)
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("priority", .int, .required)
            .field("run_at", .double, .required)
            .field("attempt", .int, .required)
            .field("max_attempts", .int, .required)
            .field("unique_key", .string)
            .field("worker_id", .string)
            .field("lease_expires_at", .double)
            .field("cancel_requested", .bool, .required)
            .field("progress", .string)
            .field("result", .string)
            .field("last_error", .string)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .field("finished_at", .double)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Partial indexes are portable SQL (PostgreSQL and SQLite); the schema builder cannot express them.
        try await sql.raw("CREATE INDEX jobs_claim ON jobs (queue, priority, run_at, id) WHERE state = 'available'").run()
        try await sql.raw("CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running'").run()
        try await sql.raw("CREATE INDEX jobs_state_finished ON jobs (state, finished_at)").run()
        try await sql.raw("CREATE UNIQUE INDEX jobs_unique_live ON jobs (unique_key) WHERE state IN ('available', 'running')").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
