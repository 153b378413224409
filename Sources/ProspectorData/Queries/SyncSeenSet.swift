import FluentKit
import SQLKit

/// The Apollo ids a full sync run of one object has read so far (`sync_seen`), kept across a resumed run, so that
/// a complete run can tell which stored records Apollo no longer has.
public struct SyncSeenSet: Sendable {
    /// The synced object's table name: `contacts`, `accounts` or `deals`.
    public let object: String

    public init(object: String) {
        self.object = object
    }

    /// Forgets every id (a new full run starts, or one ended).
    public func clear(on database: any Database) async throws {
        try await sql(database).raw("DELETE FROM sync_seen WHERE object = \(bind: object)").run()
    }

    /// Notes ids as read.
    public func insert(_ apolloIDs: [String], on database: any Database) async throws {
        guard !apolloIDs.isEmpty else { return }
        let rows = apolloIDs.map { SQLGroupExpression([SQLBind(object), SQLBind($0)]) as any SQLExpression }
        try await sql(database).raw("INSERT INTO sync_seen (object, apollo_id) VALUES \(SQLList(rows)) ON CONFLICT DO NOTHING").run()
    }

    /// How many distinct ids were read.
    public func count(on database: any Database) async throws -> Int {
        let row = try await sql(database).raw("SELECT COUNT(*) AS seen FROM sync_seen WHERE object = \(bind: object)").first()
        return try row?.decode(column: "seen", as: Int.self) ?? 0
    }

    /// The Apollo ids of stored, not deleted records of the object that were not read; `crmOnly` limits contacts to
    /// the CRM's (`source = 'crm'`).
    public func unseenStoredIDs(crmOnly: Bool, on database: any Database) async throws -> [String] {
        let onlyCRM = crmOnly ? " AND local.source = 'crm'" : ""
        return try await sql(database).raw(
            """
            SELECT local.apollo_id FROM \(ident: object) local
            WHERE local.apollo_id IS NOT NULL AND local.deleted_at IS NULL\(unsafeRaw: onlyCRM)
              AND NOT EXISTS (SELECT 1 FROM sync_seen seen WHERE seen.object = \(bind: object) AND seen.apollo_id = local.apollo_id)
            """
        ).all().map { try $0.decode(column: "apollo_id", as: String.self) }
    }
}

/// The SQL side of a Fluent database (both of Prospector's engines are SQL databases).
func sql(_ database: any Database) -> any SQLDatabase {
    database as! any SQLDatabase
}
