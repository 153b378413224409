import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// Erases a person: their personal data leaves every table (the contact stays as a tombstone without it, so links
/// and the audit trail still point somewhere), they are suppressed so that sync and enrichment do not bring them
/// back, and the audit log records that an erasure happened and by whom, without the data.
public struct ErasureService: Sendable {
    let database: any Database
    let suppressions: SuppressionList
    let client: ApolloClient?

    public init(database: any Database, suppressions: SuppressionList, client: ApolloClient?) {
        self.database = database
        self.suppressions = suppressions
        self.client = client
    }

    /// What an erasure did.
    public struct Report: Codable, Sendable, Equatable {
        /// The tombstoned contact, if there was one.
        public var contactId: UUID?
        /// Rows rewritten or deleted, per `table.column`.
        public var rowsChanged: [String: Int]
        /// Values added to the suppression list.
        public var suppressed: Int
        /// Whether Apollo's CRM contact was cleared too.
        public var apolloCleared: Bool
    }

    /// Erases the contact `id`; `inApollo` also clears the personal fields of its Apollo CRM contact.
    public func erase(contactID id: UUID, inApollo: Bool, actor: AuditActor) async throws -> Report {
        guard let contact = try await Contact.query(on: database).withDeleted().filter(\.$id == id).first(), contact.source != Self.tombstone
        else { throw ServiceError.notFound("contact \(id) does not exist") }
        return try await erase(contact, email: nil, inApollo: inApollo, actor: actor)
    }

    /// Erases the person with this email, whether or not we hold a contact for them (their traces elsewhere go, and
    /// they are suppressed).
    public func erase(email: String, inApollo: Bool, actor: AuditActor) async throws -> Report {
        let normalized = EmailAddressNormalizer.normalize(email)
        let contact = try await Contact.query(on: database).withDeleted().filter(\.$email == normalized).first()
        return try await erase(contact, email: normalized, inApollo: inApollo, actor: actor)
    }

    /// The `source` of an erased contact's tombstone.
    public static let tombstone = "erased"

    private func erase(_ found: Contact?, email: String?, inApollo: Bool, actor: AuditActor) async throws -> Report {
        let apolloCleared = inApollo && found?.source == "crm" && found?.apolloID != nil
        if apolloCleared, let found {
            guard let client else { throw ServiceError.apolloNotStarted }
            // Apollo's API deletes no contact; an update with empty values clears the fields (CONTRACT §8.1–8.2).
            _ = try await client.updateContact(
                id: found.apolloID ?? "",
                ContactInput(firstName: "", lastName: "", title: "", email: "", linkedinUrl: "", directPhone: "", mobilePhone: ""))
        }
        return try await database.safeTransaction { [suppressions] transaction in
            // The contact's row is held first, and the traces read after, so a reveal delivered meanwhile is either
            // wholly seen here or finds the tombstone (`Contact.lockRows`).
            var contact = found
            if let id = found?.id {
                try await Contact.lockRows([id], on: transaction)
                contact = try await Contact.query(on: transaction).withDeleted().filter(\.$id == id).first()
            }
            let traces = try await Self.traces(of: contact, email: email, on: transaction)
            var added = 0
            for (kind, value) in traces.suppressible {
                if try await suppressions.add(kind, value, reason: .erasure, actor: actor, on: transaction).created { added += 1 }
            }
            if let contact { try await Self.tombstone(contact, on: transaction) }
            let changed = try await traces.scrub.run(on: transaction)
            try await AuditService().record(
                "contact.erased", entityType: "contact", entityID: contact?.id?.uuidString ?? "-",
                after: ["rowsChanged": changed.values.reduce(0, +), "suppressed": added, "apolloCleared": apolloCleared ? 1 : 0],
                actor: actor, on: transaction)
            return Report(contactId: contact?.id, rowsChanged: changed, suppressed: added, apolloCleared: apolloCleared)
        }
    }

    /// The person's traces: our contact, its raw Apollo record, and what enrichment remembered about them.
    private static func traces(of contact: Contact?, email: String?, on database: any Database) async throws -> PersonTraces {
        var raw = [contact?.rawJSON].compactMap { $0 }
        var keys = [email.map { "email:\($0)" }, contact?.email.map { "email:\($0)" }].compactMap { $0 }
        if let apolloID = contact?.apolloID { keys.append("id:\(apolloID)") }
        var attempts = try await EnrichmentAttempt.query(on: database).filter(\.$identityKey ~~ keys).all()
        if let apolloID = contact?.apolloID {
            attempts += try await EnrichmentAttempt.query(on: database).filter(\.$apolloID == apolloID).all()
        }
        raw += attempts.compactMap(\.resultJSON)
        if let id = contact?.id { raw += try await revealedRecords(of: id, on: database) }
        var traces = PersonTraces(contact: contact, email: email, rawRecords: raw)
        // A person found by email carries Apollo's person id: their records under it are theirs too.
        traces.apolloIDs.formUnion(attempts.compactMap(\.apolloID))
        return traces
    }

    /// The person's own entries in the results of reveals that covered them (a bulk reveal's result holds others too).
    private static func revealedRecords(of contactID: UUID, on database: any Database) async throws -> [String] {
        try await PhoneReveal.query(on: database).all().filter { $0.contactIDs.contains(contactID) }.flatMap { reveal -> [String] in
            let theirs = Set(reveal.targets.filter { $0.value == contactID }.keys)
            guard case .object(let result) = JSONNode(text: reveal.resultJSON), case .array(let people)? = result["people"] else { return [] }
            return people.compactMap { entry in
                guard case .object(let person) = entry, case .string(let id)? = person["id"], theirs.contains(id) else { return nil }
                return (try? JSONEncoder().encode(entry)).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }

    /// Clears every personal field in one statement (also of a contact that sync already soft-deleted).
    private static func tombstone(_ contact: Contact, on database: any Database) async throws {
        try await Contact.query(on: database).withDeleted().filter(\.$id == contact.requireID())
            .set(\.$apolloID, to: nil).set(\.$email, to: nil).set(\.$firstName, to: nil).set(\.$lastName, to: nil).set(\.$name, to: nil)
            .set(\.$title, to: nil).set(\.$seniority, to: nil).set(\.$departments, to: []).set(\.$phoneNumbers, to: [])
            .set(\.$revealedPhoneNumbers, to: nil).set(\.$linkedinURL, to: nil).set(\.$organization.$id, to: nil).set(\.$stage, to: nil)
            .set(\.$ownerID, to: nil).set(\.$rawJSON, to: nil).set(\.$source, to: tombstone)
            .set(\.$deletedAt, to: contact.deletedAt ?? Date())
            .update()
    }
}
