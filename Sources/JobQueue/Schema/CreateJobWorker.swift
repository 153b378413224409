import FluentKit
import SQLKit

/// Creates `job_workers`: each worker process's heartbeat (written by its maintenance pass), so operators can tell
/// which workers are alive.
public struct CreateJobWorker: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("job_workers")
            .field("worker_id", .string, .identifier(auto: false))
            .field("queues", .string, .required)
            .field("started_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("job_workers").delete()
    }
}
