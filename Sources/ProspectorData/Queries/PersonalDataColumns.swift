import FluentKit
import SQLKit

/// A column that can hold text about a person, found in the database's own catalog so that a table added later is
/// covered without being listed anywhere.
public struct PersonalDataColumn: Sendable, Hashable, CustomStringConvertible {
    /// How the column stores its text.
    public enum Storage: Sendable, Hashable {
        /// Text (and, on SQLite, anything: its columns take any value).
        case text
        /// PostgreSQL `json`/`jsonb`.
        case json
        /// PostgreSQL arrays.
        case array
        /// Bytes (`bytea`, `BLOB`): a stored response body.
        case binary
    }

    public var table: String
    public var column: String
    public var storage: Storage

    public var description: String { "\(table).\(column)" }

    /// Tables that never hold personal data in clear: the keyed hashes of the suppression list, the server's own
    /// secrets, the migration log.
    static let exempt: Set<String> = ["_fluent_migrations", "suppressions", "server_secrets"]

    /// Every such column of every table of the current schema.
    public static func all(on database: any Database) async throws -> [PersonalDataColumn] {
        let sql = sql(database)
        if sql.dialect.name == "sqlite" {
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            var columns: [PersonalDataColumn] = []
            for table in tables where !exempt.contains(table) {
                for row in try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all() {
                    let type = try row.decode(column: "type", as: String.self).uppercased()
                    guard !["INTEGER", "REAL", "DOUBLE", "BOOLEAN", "BIGINT", "NUMERIC"].contains(type) else { continue }
                    columns.append(
                        PersonalDataColumn(
                            table: table, column: try row.decode(column: "name", as: String.self), storage: type == "BLOB" ? .binary : .text))
                }
            }
            return columns
        }
        return try await sql.raw(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        ).all().compactMap { row in
            let table = try row.decode(column: "table_name", as: String.self)
            guard !exempt.contains(table) else { return nil }
            let storage: Storage
            switch try row.decode(column: "data_type", as: String.self) {
            case "text", "character varying": storage = .text
            case "json", "jsonb": storage = .json
            case "ARRAY": storage = .array
            case "bytea": storage = .binary
            default: return nil
            }
            return PersonalDataColumn(table: table, column: try row.decode(column: "column_name", as: String.self), storage: storage)
        }
    }

    /// The column read as text, for matching.
    func textExpression(_ dialect: String) -> any SQLExpression {
        let name = SQLIdentifier(column)
        if dialect == "sqlite" { return SQLCast(name, as: "TEXT") }
        switch storage {
        case .text: return name
        case .json: return SQLCast(name, as: "TEXT")
        case .array: return SQLFunction("array_to_string", args: name, SQLLiteral.string(" "))
        case .binary: return SQLFunction("encode", args: name, SQLLiteral.string("escape"))
        }
    }

    /// `LOWER(column) LIKE '%needle%'` for any of `needles` (LIKE's wildcards may over-match; callers check exactly).
    func matching(_ needles: [String], dialect: String) -> any SQLExpression {
        let expression = textExpression(dialect)
        let tests = needles.map { needle in
            SQLBinaryExpression(
                SQLFunction("LOWER", args: expression), .like, SQLBind("%\(needle.lowercased())%")) as any SQLExpression
        }
        return SQLGroupExpression(SQLList(tests, separator: SQLRaw(" OR ")))
    }
}
