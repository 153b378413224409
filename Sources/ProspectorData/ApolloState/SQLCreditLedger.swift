import ApolloIOClient
import FluentKit
import Foundation
import SQLKit

/// The credit ledger in `credit_ledger_entries`: a reservation is a row at the worst case, settled in place.
///
/// Caps are checked and the reservation written under ``SharedStateLock``, so processes sharing PostgreSQL never
/// overshoot a cap together. Per-key caps apply to our API keys, whose ids are UUIDs.
public struct SQLCreditLedger: CreditLedger {
    private let lock: SharedStateLock

    public init(database: any Database) { self.lock = SharedStateLock(database: database) }

    public func reserve(_ entry: CreditEntry, budget: CreditBudget, dayStart: Double, monthStart: Double) async throws -> String {
        try await lock.run("credits") { sql in
            for (cap, scope) in budget.caps(apiKeyID: entry.apiKeyID) {
                let spent = try await total(since: scope.isMonthly ? monthStart : dayStart, apiKeyID: scope.apiKeyID, sql)
                if spent + entry.credits > cap {
                    throw ApolloError.creditBudgetExceeded(scope: scope, cap: cap, spent: spent, requested: entry.credits)
                }
            }
            let id = UUID()
            try await sql.raw(
                """
                INSERT INTO credit_ledger_entries (id, occurred_at, endpoint, records, credits, pool, api_key_id, job_id)
                VALUES (\(bind: id), \(bind: Date(timeIntervalSince1970: entry.at)), \(bind: entry.route), \(bind: entry.records),
                        \(bind: entry.credits), 'lead_credit', \(bind: entry.apiKeyID.flatMap(UUID.init(uuidString:))), \(bind: entry.jobID))
                """
            ).run()
            return id.uuidString
        }
    }

    public func settle(_ reservationID: String, credits: Double) async throws {
        guard let id = UUID(uuidString: reservationID) else { return }
        try await (lock.database as! any SQLDatabase).raw(
            "UPDATE credit_ledger_entries SET credits = \(bind: credits), settled_at = \(bind: Date()) WHERE id = \(bind: id)"
        ).run()
    }

    public func total(since: Double, apiKeyID: String?) async throws -> Double {
        try await total(since: since, apiKeyID: apiKeyID, lock.database as! any SQLDatabase)
    }

    /// Credits spent or reserved since `since`, by endpoint (Apollo route), for everyone.
    public func totalsByEndpoint(since: Double) async throws -> [String: Double] {
        let rows = try await (lock.database as! any SQLDatabase).raw(
            """
            SELECT endpoint, SUM(credits) AS total FROM credit_ledger_entries WHERE occurred_at >= \(bind: Date(timeIntervalSince1970: since))
            GROUP BY endpoint
            """
        ).all()
        return try rows.reduce(into: [:]) { totals, row in
            totals[try row.decode(column: "endpoint", as: String.self)] = try row.decode(column: "total", as: Double.self)
        }
    }

    /// Credits spent or reserved since `since`, by UTC day (days since 1970) and endpoint: the dashboard's chart.
    public func dailyTotalsByEndpoint(since: Double) async throws -> [(day: Int, endpoint: String, credits: Double)] {
        let sql = lock.database as! any SQLDatabase
        // The day is computed where the rows are: timestamptz on PostgreSQL, seconds since 1970 on SQLite.
        let day =
            sql.dialect.name == "postgresql" ? "FLOOR(EXTRACT(EPOCH FROM occurred_at) / 86400)" : "CAST(occurred_at / 86400 AS INTEGER)"
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: day) AS day, endpoint, SUM(credits) AS total FROM credit_ledger_entries
            WHERE occurred_at >= \(bind: Date(timeIntervalSince1970: since)) GROUP BY 1, endpoint ORDER BY 1
            """
        ).all()
        return try rows.map { row in
            (
                Int(try row.decode(column: "day", as: Double.self)), try row.decode(column: "endpoint", as: String.self),
                try row.decode(column: "total", as: Double.self)
            )
        }
    }

    private func total(since: Double, apiKeyID: String?, _ sql: any SQLDatabase) async throws -> Double {
        let from = Date(timeIntervalSince1970: since)
        let row: (any SQLRow)?
        if let apiKeyID {
            guard let key = UUID(uuidString: apiKeyID) else { return 0 }
            row = try await sql.raw(
                """
                SELECT COALESCE(SUM(credits), 0) AS total FROM credit_ledger_entries WHERE occurred_at >= \(bind: from) AND api_key_id = \(bind: key)
                """
            ).first()
        } else {
            row = try await sql.raw("SELECT COALESCE(SUM(credits), 0) AS total FROM credit_ledger_entries WHERE occurred_at >= \(bind: from)").first()
        }
        return try row?.decode(column: "total", as: Double.self) ?? 0
    }
}
