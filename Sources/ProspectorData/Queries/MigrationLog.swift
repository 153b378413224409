import FluentKit
import SQLKit

/// The migrations a database has applied (Fluent's `_fluent_migrations`), read without migrating.
public enum MigrationLog {
    /// Their names; empty when the database was never migrated.
    public static func appliedNames(on database: any Database) async throws -> Set<String> {
        do {
            return Set(
                try await sql(database).raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) })
        } catch {
            // No migration table yet: nothing applied (a database that cannot be reached fails before this is asked).
            return []
        }
    }
}
