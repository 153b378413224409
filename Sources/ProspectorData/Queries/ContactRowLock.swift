import FluentKit
import Foundation
import SQLKit

extension Contact {
    /// Holds these contacts' rows until the caller's transaction ends, taken in id order.
    ///
    /// An erasure and a reveal's delivery both write a contact and rows that carry its data elsewhere (the reveal's
    /// result, events, audit entries); each takes this lock before any other row, so one finishes before the other
    /// reads: an erasure sees everything a delivery wrote, and a delivery after an erasure finds the tombstone. The
    /// id order means two callers never wait for each other in a circle. SQLite runs one write transaction at a time,
    /// so there it is a no-op.
    public static func lockRows(_ ids: [UUID], on transaction: any Database) async throws {
        let database = sql(transaction)
        guard database.dialect.name == "postgresql", !ids.isEmpty else { return }
        _ = try await database.raw(
            """
            SELECT id FROM contacts WHERE id IN (\(binds: Array(Set(ids)))) ORDER BY id FOR UPDATE
            """
        ).all()
    }
}
