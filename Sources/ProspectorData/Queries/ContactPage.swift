import FluentKit
import Foundation
import SQLKit

/// A page of contacts for a list, read with SQL and assigned field by field. Fluent's row decoding walks each model's
/// properties by reflection for every row: for `GET /api/contacts?limit=50` that was most of the request's time
/// (docs/benchmarks.md, the HTTP benchmark), for a table the list reads in full.
extension Contact {
    /// The contacts after `cursor` (by id), filtered, at most `limit`; soft-deleted ones are left out, as Fluent does.
    public static func page(
        email: String?, organizationID: UUID?, title: String?, after cursor: UUID?, limit: Int, includeRaw: Bool, on database: any Database
    ) async throws -> [Contact] {
        let sql = database as! any SQLDatabase
        var columns = [
            "id", "apollo_id", "email", "first_name", "last_name", "name", "title", "seniority", "departments", "phone_numbers",
            "revealed_phone_numbers", "linkedin_url", "organization_id", "stage", "owner_id", "enriched_at", "apollo_updated_at", "source",
            "created_at", "updated_at",
        ]
        if includeRaw { columns.append("raw_json") }
        var query = sql.select().columns(columns.map { SQLColumn($0) }).from(schema).where("deleted_at", .is, SQLLiteral.null)
        if let email { query = query.where("email", .equal, email) }
        if let organizationID { query = query.where("organization_id", .equal, organizationID) }
        if let title { query = query.where("title", .equal, title) }
        if let cursor { query = query.where("id", .greaterThan, cursor) }
        return try await query.orderBy("id").limit(limit).all().map { row in try contact(row, includeRaw: includeRaw) }
    }

    private static func contact(_ row: any SQLRow, includeRaw: Bool) throws -> Contact {
        let contact = Contact()
        contact.id = try row.decode(column: "id", as: UUID.self)
        contact.$id.exists = true
        contact.apolloID = try row.decode(column: "apollo_id", as: String?.self)
        contact.email = try row.decode(column: "email", as: String?.self)
        contact.firstName = try row.decode(column: "first_name", as: String?.self)
        contact.lastName = try row.decode(column: "last_name", as: String?.self)
        contact.name = try row.decode(column: "name", as: String?.self)
        contact.title = try row.decode(column: "title", as: String?.self)
        contact.seniority = try row.decode(column: "seniority", as: String?.self)
        contact.departments = try row.decode(column: "departments", as: [String].self)
        contact.phoneNumbers = try row.decode(column: "phone_numbers", as: [String].self)
        contact.revealedPhoneNumbers = try row.decode(column: "revealed_phone_numbers", as: [String]?.self)
        contact.linkedinURL = try row.decode(column: "linkedin_url", as: String?.self)
        contact.$organization.id = try row.decode(column: "organization_id", as: UUID?.self)
        contact.stage = try row.decode(column: "stage", as: String?.self)
        contact.ownerID = try row.decode(column: "owner_id", as: String?.self)
        contact.enrichedAt = try row.decode(column: "enriched_at", as: Date?.self)
        contact.apolloUpdatedAt = try row.decode(column: "apollo_updated_at", as: Date?.self)
        contact.source = try row.decode(column: "source", as: String?.self)
        contact.createdAt = try row.decode(column: "created_at", as: Date?.self)
        contact.updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        if includeRaw { contact.rawJSON = try row.decode(column: "raw_json", as: String?.self) }
        return contact
    }
}
