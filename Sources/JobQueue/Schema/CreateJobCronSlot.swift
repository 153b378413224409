import FluentKit
import SQLKit

/// Creates `job_cron_slots`: one row per (schedule, slot) claimed, so a slot fires once across processes.
public struct CreateJobCronSlot: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("job_cron_slots")
            .field("name", .string, .required)
            .field("slot", .double, .required)
            .field("job_id", .int64)
            .compositeIdentifier(over: "name", "slot")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("job_cron_slots").delete()
    }
}
