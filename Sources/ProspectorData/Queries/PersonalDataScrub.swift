import FluentKit
import Foundation
import SQLKit

/// Finds and removes every trace of a person's identifiers in every column ``PersonalDataColumn/all(on:)`` lists.
///
/// A value holding an identifier is rewritten with the identifier replaced (so a job's payload naming ten people
/// keeps the other nine); rows of `deletingRowsOf` tables, and stored response bodies (bytes), are deleted instead.
public struct PersonalDataScrub: Sendable {
    /// What replaces an identifier.
    public static let replacement = "[erased]"

    /// Identifiers replaced wherever they occur (emails, full names, phones, URLs, ids), case-insensitively.
    public var needles: [String]
    /// Values replaced only as whole JSON strings (first and last names, too short to replace inside other text).
    public var wholeValues: [String]
    /// Tables whose matching rows are deleted: they exist only to answer again what was answered about the person.
    public var deletingRowsOf: Set<String>

    public init(needles: [String], wholeValues: [String] = [], deletingRowsOf: Set<String> = []) {
        // Very short identifiers would replace parts of unrelated text.
        let usable = Set(needles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 5 })
        // A URL is also stored with its slashes escaped (JSONEncoder's default).
        self.needles = usable.union(usable.filter { $0.contains("/") }.map { $0.replacingOccurrences(of: "/", with: "\\/") })
            .sorted { $0.count > $1.count }
        self.wholeValues = Array(Set(wholeValues.filter { $0.count >= 2 }))
        self.deletingRowsOf = deletingRowsOf
    }

    /// Where the identifiers occur: `table.column` → rows.
    public func occurrences(on database: any Database) async throws -> [String: Int] {
        guard !needles.isEmpty else { return [:] }
        let sql = sql(database)
        var found: [String: Int] = [:]
        for column in try await PersonalDataColumn.all(on: database) {
            let count =
                try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "hits")
                .from(column.table).where(column.matching(needles, dialect: sql.dialect.name)).first()?
                .decode(column: "hits", as: Int.self) ?? 0
            if count > 0 { found[column.description] = count }
        }
        return found
    }

    /// Removes the identifiers; returns the rows changed or deleted per `table.column`.
    @discardableResult
    public func run(on database: any Database) async throws -> [String: Int] {
        guard !needles.isEmpty else { return [:] }
        let sql = sql(database)
        let dialect = sql.dialect.name
        var changed: [String: Int] = [:]
        for column in try await PersonalDataColumn.all(on: database) {
            let matching = column.matching(needles, dialect: dialect)
            if deletingRowsOf.contains(column.table) || column.storage == .binary {
                let rows =
                    try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "hits").from(column.table)
                    .where(matching).first()?.decode(column: "hits", as: Int.self) ?? 0
                if rows > 0 {
                    try await sql.delete(from: column.table).where(matching).run()
                    changed[column.description] = rows
                }
                continue
            }
            // Arrays (PostgreSQL) hold only contacts' own fields, which the erasure clears itself.
            guard column.storage != .array else { continue }
            let values = try await sql.select().distinct().column(column.textExpression(dialect), as: "value").from(column.table)
                .where(matching).all().map { try $0.decode(column: "value", as: String?.self) }
            for case let value? in values {
                let scrubbed = scrub(value)
                guard scrubbed != value else { continue }
                let newValue: any SQLExpression = column.storage == .json ? SQLCast(SQLBind(scrubbed), as: "JSONB") : SQLBind(scrubbed)
                try await sql.update(column.table).set(SQLIdentifier(column.column), to: newValue)
                    .where(SQLBinaryExpression(column.textExpression(dialect), .equal, SQLBind(value))).run()
                changed[column.description, default: 0] += 1
            }
        }
        return changed
    }

    /// `text` with every identifier replaced.
    public func scrub(_ text: String) -> String {
        var result = text
        for needle in needles where result.range(of: needle, options: .caseInsensitive) != nil {
            result = result.replacingOccurrences(of: needle, with: Self.replacement, options: .caseInsensitive)
        }
        for value in wholeValues {
            result = result.replacingOccurrences(of: "\"\(Self.replacement(for: value))\"", with: "\"\(Self.replacement)\"")
        }
        return result
    }

    /// A value as a JSON string holds it (quotes and backslashes escaped).
    static func replacement(for value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// `CAST(value AS type)`.
struct SQLCast: SQLExpression {
    var value: any SQLExpression
    var type: String

    init(_ value: any SQLExpression, as type: String) {
        self.value = value
        self.type = type
    }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("CAST(")
        value.serialize(to: &serializer)
        serializer.write(" AS \(type))")
    }
}
