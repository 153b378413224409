import Fluent

/// Creates `spend_approvals`, credit-spending requests waiting for an admin.
public struct CreateSpendApproval: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(SpendApproval.schema)
            .id()
            .field("job_kind", .string, .required)
            .field("queue", .string, .required)
            .field("payload", .string, .required)
            .field("people", .int, .required)
            .field("worst_case_credits", .double, .required)
            .field("requested_by", .string)
            .field("status", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("job_id", .int64)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(SpendApproval.schema).delete()
    }
}
