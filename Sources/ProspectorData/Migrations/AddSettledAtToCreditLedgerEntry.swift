import Fluent
import SQLKit

/// Adds `settled_at` to `credit_ledger_entries`: when a reservation was replaced by what Apollo charged. A row without
/// it is a call whose outcome is unknown (its answer was lost, or its process died): it keeps its worst case, never
/// less than was spent. Rows written before this column were settled in place: they get their own time.
public struct AddSettledAtToCreditLedgerEntry: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(CreditLedgerEntry.schema).field("settled_at", .datetime).update()
        try await (database as? any SQLDatabase)?.update(CreditLedgerEntry.schema).set(SQLIdentifier("settled_at"), to: SQLIdentifier("occurred_at"))
            .run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(CreditLedgerEntry.schema).deleteField("settled_at").update()
    }
}
