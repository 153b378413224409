import ApolloIOClient
import FluentKit
import Foundation
import SQLKit

/// The enrichment memory in `enrichment_attempts` (subject `person`): the latest match or miss per identity.
public struct SQLEnrichmentMemory: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment] {
        guard !keys.isEmpty else { return [:] }
        let sql = database as! any SQLDatabase
        var found: [String: RememberedEnrichment] = [:]
        for start in stride(from: 0, to: keys.count, by: 500) {
            let slice = Array(keys[start..<min(start + 500, keys.count)])
            let rows = try await sql.select()
                .columns("identity_key", "outcome", "result_json", "credits_charged", "attempted_at")
                .from(EnrichmentAttempt.schema)
                .where("subject", .equal, "person")
                .where("identity_key", .in, slice)
                .where("outcome", .in, [EnrichmentAttempt.Outcome.matched.rawValue, EnrichmentAttempt.Outcome.noMatch.rawValue])
                .orderBy("attempted_at")
                .all()
            for row in rows {
                let key = try row.decode(column: "identity_key", as: String.self)
                let person = try row.decode(column: "result_json", as: String?.self).flatMap {
                    try? JSONDecoder().decode(Person.self, from: Data($0.utf8))
                }
                found[key] = RememberedEnrichment(
                    identityKey: key, person: person, credits: try row.decode(column: "credits_charged", as: Double.self),
                    at: try row.decode(column: "attempted_at", as: Date.self).timeIntervalSince1970)
            }
        }
        return found
    }

    public func remember(_ entries: [RememberedEnrichment]) async throws {
        guard !entries.isEmpty else { return }
        let encoder = JSONEncoder()
        let attempts = try entries.map { entry in
            let attempt = EnrichmentAttempt(
                subject: "person", identityKey: entry.identityKey, outcome: entry.person == nil ? .noMatch : .matched,
                apolloID: entry.person?.id, creditsCharged: entry.credits, attemptedAt: Date(timeIntervalSince1970: entry.at))
            attempt.endpoint = entry.endpoint
            attempt.resultJSON = try entry.person.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            return attempt
        }
        try await attempts.create(on: database)  // one multi-row insert
    }
}
