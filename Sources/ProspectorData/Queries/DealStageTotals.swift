import FluentKit
import SQLKit

extension Deal {
    /// Open deals (not deleted) per stage, by the stage's Apollo id: how many and their summed amount.
    public static func totalsByStage(on database: any Database) async throws -> [String: (count: Int, amount: Double)] {
        let rows = try await sql(database).raw(
            """
            SELECT s.apollo_id AS stage, COUNT(*) AS deals, COALESCE(SUM(d.amount), 0) AS amount
            FROM deals d JOIN deal_stages s ON s.id = d.stage_id WHERE d.deleted_at IS NULL GROUP BY s.apollo_id
            """
        ).all()
        return try rows.reduce(into: [:]) { totals, row in
            totals[try row.decode(column: "stage", as: String.self)] = (
                try row.decode(column: "deals", as: Int.self), try row.decode(column: "amount", as: Double.self)
            )
        }
    }
}
