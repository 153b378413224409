import FluentKit
import Foundation

/// The statements of the retention policy: each counts, or removes, what is older than a date.
public enum RetentionSweep {
    /// Apollo raw records of contacts, organizations and accounts last written before `cutoff`: cleared.
    public static func rawRecords(before cutoff: Date, apply: Bool, on database: any Database) async throws -> Int {
        let contacts = Contact.query(on: database).withDeleted().filter(\.$rawJSON != nil).filter(\.$updatedAt < cutoff)
        let organizations = Organization.query(on: database).filter(\.$rawJSON != nil).filter(\.$updatedAt < cutoff)
        let accounts = Account.query(on: database).filter(\.$rawJSON != nil).filter(\.$updatedAt < cutoff)
        let count = try await contacts.count() + organizations.count() + accounts.count()
        if apply {
            try await contacts.set(\.$rawJSON, to: nil).update()
            try await organizations.set(\.$rawJSON, to: nil).update()
            try await accounts.set(\.$rawJSON, to: nil).update()
        }
        return count
    }

    /// Enrichment misses and errors attempted before `cutoff`: deleted.
    public static func enrichmentMisses(before cutoff: Date, apply: Bool, on database: any Database) async throws -> Int {
        try await sweep(
            EnrichmentAttempt.query(on: database).filter(\.$outcome != .matched).filter(\.$attemptedAt < cutoff), apply: apply)
    }

    /// Webhook deliveries that ended, and dispatched domain events, from before `cutoff`: deleted.
    public static func webhookDeliveries(before cutoff: Date, apply: Bool, on database: any Database) async throws -> Int {
        let deliveries = try await sweep(
            WebhookDelivery.query(on: database).filter(\.$state != .pending).filter(\.$createdAt < cutoff), apply: apply)
        let events = try await sweep(
            DomainEvent.query(on: database).filter(\.$dispatchedAt != nil).filter(\.$occurredAt < cutoff), apply: apply)
        return deliveries + events
    }

    /// Idempotency records created before `cutoff`: deleted.
    public static func idempotencyRecords(before cutoff: Date, apply: Bool, on database: any Database) async throws -> Int {
        try await sweep(IdempotencyRecord.query(on: database).filter(\.$createdAt < cutoff), apply: apply)
    }

    /// Audit entries from before `cutoff`: deleted.
    public static func audit(before cutoff: Date, apply: Bool, on database: any Database) async throws -> Int {
        try await sweep(AuditLog.query(on: database).filter(\.$occurredAt < cutoff), apply: apply)
    }

    private static func sweep<M: Model>(_ query: QueryBuilder<M>, apply: Bool) async throws -> Int {
        let count = try await query.count()
        if apply, count > 0 { try await query.delete(force: true) }
        return count
    }
}
