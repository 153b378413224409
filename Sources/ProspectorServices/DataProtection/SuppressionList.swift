import ApolloIOClient
import Crypto
import FluentKit
import Foundation
import ProspectorData

/// The people Prospector must not process, kept as keyed hashes (HMAC-SHA256 with a server secret): whoever reads
/// the table learns nothing, and a value is checked by hashing it again.
public struct SuppressionList: Sendable {
    /// The HMAC key's bytes (`SymmetricKey` is not `Sendable`).
    let key: Data

    public init(key: Data) {
        self.key = key
    }

    /// The stored form of a value of `kind`, normalized first (an email as ``EmailAddressNormalizer`` does, a domain
    /// as ``DomainName`` does).
    public func digest(_ kind: Suppression.Kind, _ value: String) -> String {
        let normalized: String
        switch kind {
        case .email: normalized = EmailAddressNormalizer.normalize(value)
        case .domain: normalized = DomainName.normalize(value)
        case .apolloID: normalized = value.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(kind.rawValue):\(normalized)".utf8), using: SymmetricKey(data: key))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Suppresses a value (once: adding it again returns the entry there is).
    @discardableResult
    public func add(_ kind: Suppression.Kind, _ value: String, reason: Suppression.Reason, actor: AuditActor, on database: any Database)
        async throws -> (entry: Suppression, created: Bool)
    {
        let digest = digest(kind, value)
        if let existing = try await Suppression.query(on: database).filter(\.$digest == digest).first() { return (existing, false) }
        let entry = Suppression(kind: kind, digest: digest, reason: reason, createdBy: actor.id)
        try await entry.create(on: database)
        try await AuditService().record(
            "suppression.added", entityType: "suppression", entityID: try entry.requireID().uuidString,
            after: ["kind": kind.rawValue, "reason": reason.rawValue], actor: actor, on: database)
        return (entry, true)
    }

    /// The entry for a value, if it is suppressed.
    public func find(_ kind: Suppression.Kind, _ value: String, on database: any Database) async throws -> Suppression? {
        try await Suppression.query(on: database).filter(\.$digest == digest(kind, value)).first()
    }

    /// Lifts a suppression.
    public func remove(_ id: UUID, actor: AuditActor, on database: any Database) async throws {
        guard let entry = try await Suppression.find(id, on: database) else { throw ServiceError.notFound("no suppression \(id)") }
        try await entry.delete(on: database)
        try await AuditService().record(
            "suppression.removed", entityType: "suppression", entityID: id.uuidString, before: ["kind": entry.kind.rawValue],
            actor: actor, on: database)
    }

    /// Entries in creation order, a page at a time.
    public func list(after cursor: UUID?, limit: Int, on database: any Database) async throws -> [Suppression] {
        var query = Suppression.query(on: database).sort(\.$id).limit(limit)
        if let cursor { query = query.filter(\.$id > cursor) }
        return try await query.all()
    }

    /// For each subject, what suppresses it (nil: nothing), with one query for all of them.
    public func check(_ subjects: [SuppressionSubject], on database: any Database) async throws -> [Suppression.Kind?] {
        let hashed = subjects.map { subject in
            subject.emails.map { (Suppression.Kind.email, digest(.email, $0)) } + subject.domains.map { (.domain, digest(.domain, $0)) }
                + subject.apolloIDs.map { (.apolloID, digest(.apolloID, $0)) }
        }
        let all = Set(hashed.flatMap { $0.map(\.1) })
        guard !all.isEmpty else { return subjects.map { _ in nil } }
        var suppressed = Set<String>()
        for chunk in Array(all).chunked(500) {
            suppressed.formUnion(try await Suppression.query(on: database).filter(\.$digest ~~ chunk).all().map(\.digest))
        }
        return hashed.map { pairs in pairs.first { suppressed.contains($0.1) }?.0 }
    }

    /// The suppressed among Apollo CRM contact ids (by the id, or by the email our copy of the contact has).
    public func check(apolloContactIDs ids: [String], on database: any Database) async throws -> [String: Suppression.Kind] {
        guard !ids.isEmpty else { return [:] }
        let emails = Dictionary(
            try await Contact.query(on: database).withDeleted().filter(\.$apolloID ~~ ids).all().compactMap { contact in
                contact.apolloID.map { ($0, contact.email) }
            }, uniquingKeysWith: { first, _ in first })
        let kinds = try await check(ids.map { SuppressionSubject(emails: [emails[$0] ?? nil], apolloIDs: [$0]) }, on: database)
        return Dictionary(zip(ids, kinds).compactMap { id, kind in kind.map { (id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// What suppresses one subject, if anything.
    public func check(_ subject: SuppressionSubject, on database: any Database) async throws -> Suppression.Kind? {
        try await check([subject], on: database)[0]
    }
}

/// The identifiers a suppression is checked against: a person as far as they are known before (or after) a call.
public struct SuppressionSubject: Sendable, Equatable {
    public var emails: [String]
    public var domains: [String]
    public var apolloIDs: [String]

    public init(emails: [String?] = [], domains: [String?] = [], apolloIDs: [String?] = []) {
        let emails = emails.compactMap { $0 }.filter { !$0.isEmpty }
        self.emails = emails
        // An email's domain is checked too: suppressing a domain covers everyone at it.
        self.domains = (domains.compactMap { $0 } + emails.compactMap { $0.split(separator: "@").last.map(String.init) }).filter { !$0.isEmpty }
        self.apolloIDs = apolloIDs.compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// A person to enrich.
    public init(_ identity: PersonIdentity) {
        self.init(emails: [identity.email], domains: [identity.domain], apolloIDs: [identity.id])
    }

    /// A person Apollo answered with.
    public init(_ person: Person) {
        self.init(emails: [person.email], domains: [person.organization?.primaryDomain], apolloIDs: [person.id])
    }

    /// A CRM contact of the team's Apollo.
    public init(_ contact: ApolloContact) {
        self.init(emails: [contact.email], apolloIDs: [contact.id, contact.personId])
    }

    /// One of our contacts.
    public init(_ contact: Contact) {
        self.init(emails: [contact.email], apolloIDs: [contact.apolloID])
    }
}

extension Suppression.Kind {
    /// Why a suppressed person was skipped, for answers.
    public var skipReason: String {
        switch self {
        case .email: "suppressed: the email address is on the suppression list"
        case .domain: "suppressed: the domain is on the suppression list"
        case .apolloID: "suppressed: the person was erased"
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
