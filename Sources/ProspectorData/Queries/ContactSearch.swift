import FluentKit
import Foundation
import SQLKit

extension Contact {
    /// Contacts whose email, name or organization's name or domain contains `text` (case-insensitive), newest
    /// first, at most `limit`, with their organization loaded.
    public static func search(containing text: String, limit: Int, on database: any Database) async throws -> [Contact] {
        // LIKE's own wildcards in the input are matched literally.
        let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%\(escaped)%"
        let rows = try await sql(database).raw(
            """
            SELECT c.id FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id
            WHERE LOWER(COALESCE(c.email, '')) LIKE \(bind: pattern) ESCAPE '\\'
               OR LOWER(COALESCE(c.name, '')) LIKE \(bind: pattern) ESCAPE '\\'
               OR LOWER(COALESCE(o.name, '')) LIKE \(bind: pattern) ESCAPE '\\'
               OR LOWER(COALESCE(o.primary_domain, '')) LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY c.created_at DESC LIMIT \(bind: limit)
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        let found = try await query(on: database).filter(\.$id ~~ ids).with(\.$organization).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return found.sorted { (order[$0.id!] ?? 0) < (order[$1.id!] ?? 0) }
    }
}
