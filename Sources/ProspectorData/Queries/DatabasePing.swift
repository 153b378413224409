import FluentKit
import SQLKit

/// The cheapest statement that proves the database answers.
public enum DatabasePing {
    public static func run(on database: any Database) async throws {
        _ = try await sql(database).raw("SELECT 1").all()
    }
}
