import Fluent
import SQLKit

/// Creates `credit_ledger_entries`, indexed by time.
public struct CreateCreditLedgerEntry: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CreditLedgerEntry.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("endpoint", .string, .required)
            .field("records", .int, .required)
            .field("credits", .double, .required)
            .field("pool", .string, .required)
            .field("api_key_id", .uuid)
            .field("job_id", .int64)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "credit_ledger_occurred_at").on(CreditLedgerEntry.schema)
            .column("occurred_at").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CreditLedgerEntry.schema).delete()
    }
}
