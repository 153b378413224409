import FluentKit
import Foundation
import SQLKit

/// Looks for strings in every column of every table, read as text, on either engine: written apart from the
/// erasure's own catalog walk, so that a column the erasure misses shows up here.
public enum TextScan {
    /// `table.column` → rows whose text holds any of `needles` (case-insensitive).
    public static func hits(_ needles: [String], on database: any Database) async throws -> [String: Int] {
        let sql = database as! any SQLDatabase
        let postgres = sql.dialect.name != "sqlite"
        var columns: [(table: String, column: String, type: String)] = []
        if postgres {
            columns = try await sql.raw(
                "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
            ).all().map {
                (
                    try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self),
                    try $0.decode(column: "data_type", as: String.self)
                )
            }
        } else {
            for table in try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all() {
                let name = try table.decode(column: "name", as: String.self)
                for column in try await sql.raw("SELECT name FROM pragma_table_info(\(bind: name))").all() {
                    columns.append((name, try column.decode(column: "name", as: String.self), ""))
                }
            }
        }
        var hits: [String: Int] = [:]
        for (table, column, type) in columns {
            // bytea reads as its escaped text; everything else as its text form.
            let text = type == "bytea" ? "encode(\"\(column)\", 'escape')" : "CAST(\"\(column)\" AS TEXT)"
            for needle in needles where !needle.isEmpty {
                let row = try await sql.raw(
                    "SELECT COUNT(*) AS hits FROM \(ident: table) WHERE LOWER(\(unsafeRaw: text)) LIKE \(bind: "%\(needle.lowercased())%")"
                ).first()
                let count = try row?.decode(column: "hits", as: Int.self) ?? 0
                if count > 0 { hits["\(table).\(column) ∋ \(needle)", default: 0] += count }
            }
        }
        return hits
    }
}
