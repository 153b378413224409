import FluentKit
import Foundation
import SQLKit

extension SyncCursor {
    /// Takes the object for one run: its cursor (created on first use) when no run holds it, or when the run that
    /// does started more than `staleAfter` seconds ago (it died); nil when another run holds it.
    public static func claim(_ object: String, now: Date, staleAfter: TimeInterval, on database: any Database) async throws -> SyncCursor? {
        let sql = sql(database)
        try await sql.raw(
            """
            INSERT INTO sync_cursors (id, object) VALUES (\(bind: UUID()), \(bind: object)) ON CONFLICT (object) DO NOTHING
            """
        ).run()
        let claimed = try await sql.raw(
            """
            UPDATE sync_cursors SET running_since = \(bind: now)
            WHERE object = \(bind: object) AND (running_since IS NULL OR running_since < \(bind: now.addingTimeInterval(-staleAfter)))
            RETURNING id
            """
        ).first()
        guard claimed != nil else { return nil }
        return try await SyncCursor.query(on: database).filter(\.$object == object).first()
    }
}
