import FluentKit
import SQLKit

/// Creates `job_rate_windows`: each limited queue's current window (start, jobs started), shared by every worker.
public struct CreateJobRateWindow: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("job_rate_windows")
            .field("queue", .string, .identifier(auto: false))
            .field("window_start", .double, .required)
            .field("used", .int64, .required)
            .field("granted", .int64, .required)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("job_rate_windows").delete()
    }
}
