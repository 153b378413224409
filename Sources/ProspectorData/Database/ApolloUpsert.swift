import Fluent
import Foundation

/// A local record that mirrors an Apollo record by its Apollo id (column `apollo_id`).
public protocol ApolloMirrored: Model where IDValue == UUID {
    var apolloID: String? { get set }
}

extension Contact: ApolloMirrored {}
extension Organization: ApolloMirrored {}
extension Deal: ApolloMirrored {}
extension Account: ApolloMirrored {}

/// What an upsert did.
public enum UpsertOutcome: String, Sendable, Equatable {
    case created, updated, unchanged
}

extension ApolloMirrored {
    /// Creates or updates the record with this Apollo id. Running it twice with the same data changes nothing the
    /// second time (`unchanged`, no write). Soft-deleted contacts are found and restored.
    ///
    /// - Parameters:
    ///   - apolloID: the Apollo id.
    ///   - database: where to write (a transaction, to write domain events beside it).
    ///   - apply: sets the fields from Apollo's data. Fluent counts any assignment as a change, so the record is
    ///     compared (encoded) before and after: equal means `unchanged` and nothing is written.
    public static func upsert(
        apolloID: String, on database: any Database, apply: (Self) -> Void
    ) async throws -> (record: Self, outcome: UpsertOutcome) {
        for attempt in 0..<2 {
            if let existing = try await query(on: database).withDeleted().filter("apollo_id", .equal, apolloID).first() {
                let before = try snapshot(existing)
                apply(existing)
                if let contact = existing as? Contact, contact.deletedAt != nil {
                    try await contact.restore(on: database)
                    try await existing.save(on: database)
                    return (existing, .updated)
                }
                if let deal = existing as? Deal, deal.deletedAt != nil {
                    try await deal.restore(on: database)
                    try await existing.save(on: database)
                    return (existing, .updated)
                }
                if let account = existing as? Account, account.deletedAt != nil {
                    try await account.restore(on: database)
                    try await existing.save(on: database)
                    return (existing, .updated)
                }
                guard try snapshot(existing) != before else { return (existing, .unchanged) }
                try await existing.save(on: database)
                return (existing, .updated)
            }
            let record = Self()
            record.apolloID = apolloID
            apply(record)
            do {
                try await record.create(on: database)
                return (record, .created)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt == 0 {
                // Another writer created it between our read and insert: update theirs instead.
                continue
            }
        }
        throw UpsertError.conflict(apolloID: apolloID)
    }
}

private func snapshot(_ model: some Model) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return try encoder.encode(model)
}

/// An upsert that kept losing a race.
public enum UpsertError: Error, Equatable {
    case conflict(apolloID: String)
}
