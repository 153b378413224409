import FluentKit
import Foundation
import SQLKit

extension DomainEvent {
    /// The oldest events not yet dispatched, at most `limit`, locked until the caller's transaction ends.
    ///
    /// Two dispatchers (the worker's and one run by hand or by a test) share the events out on PostgreSQL instead of
    /// both fanning out one event: the second would meet the first's deliveries at their unique index, and PostgreSQL
    /// aborts a transaction at its first failed statement. SQLite runs one write transaction at a time, so its plain
    /// read is already exclusive.
    public static func claimUndispatched(limit: Int, on transaction: any Database) async throws -> [DomainEvent] {
        let database = sql(transaction)
        guard database.dialect.name == "postgresql" else {
            return try await query(on: transaction).filter(\.$dispatchedAt == nil).sort(\.$occurredAt).limit(limit).all()
        }
        let rows = try await database.raw(
            """
            SELECT id FROM domain_events WHERE dispatched_at IS NULL ORDER BY occurred_at LIMIT \(bind: limit) FOR UPDATE SKIP LOCKED
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await query(on: transaction).filter(\.$id ~~ ids).sort(\.$occurredAt).all()
    }
}
