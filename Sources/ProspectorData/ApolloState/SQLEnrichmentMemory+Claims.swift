import FluentKit
import SQLKit

/// Claims on identities being enriched: one process asks Apollo, the others wait for its answer in the memory.
extension SQLEnrichmentMemory {
    /// Claims the keys no one holds (or whose holder's claim lapsed) for `owner` until `until`; returns the keys it got.
    public func claim(_ keys: [String], owner: String, until: Double, now: Double) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let sql = database as! any SQLDatabase
        var claimed = Set<String>()
        for start in stride(from: 0, to: keys.count, by: 300) {
            let slice = keys[start..<min(start + 300, keys.count)]
            let values = SQLList(slice.map { key in SQLGroupExpression([SQLBind(key), SQLBind(owner), SQLBind(until)]) })
            let rows = try await sql.raw(
                """
                INSERT INTO enrichment_claims (identity_key, owner, expires_at) VALUES \(values)
                ON CONFLICT (identity_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE enrichment_claims.expires_at < \(bind: now)
                RETURNING identity_key
                """
            ).all()
            for row in rows { claimed.insert(try row.decode(column: "identity_key", as: String.self)) }
        }
        return claimed
    }

    /// Gives back `owner`'s claims on `keys` (answered or failed: either way no longer in flight).
    public func release(_ keys: [String], owner: String) async throws {
        guard !keys.isEmpty else { return }
        try await (database as! any SQLDatabase).delete(from: "enrichment_claims").where("owner", .equal, owner)
            .where("identity_key", .in, keys).run()
    }
}
