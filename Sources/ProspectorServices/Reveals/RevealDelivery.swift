import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import Metrics
import ProspectorData

/// Takes a reveal's result, from the callback or from a poll, exactly once: the phones go onto the contacts (and a
/// waterfall's emails where the contact had none), the credits are settled, and a later copy changes nothing.
public struct RevealDelivery: Sendable {
    let client: ApolloClient
    let database: any Database
    let audit = AuditService()

    /// Who the audit log says delivered it.
    static let actor = AuditActor(type: .system, id: "apollo-webhook")

    public init(client: ApolloClient, database: any Database) {
        self.client = client
        self.database = database
    }

    /// What became of a delivery.
    public enum Outcome: Sendable, Equatable {
        /// Applied now.
        case applied
        /// An earlier copy (a callback retried by Apollo, or the poll) was applied already: nothing changed.
        case alreadyApplied
    }

    /// A callback: found by its token, checked against the request id it was given for, applied once.
    public func receive(token: String, payload: PhoneRevealPayload, raw: String) async throws -> (reveal: PhoneReveal, outcome: Outcome) {
        guard let reveal = try await PhoneReveal.query(on: database).filter(\.$tokenHash == CallbackToken.hash(token)).first() else {
            throw RevealError.unknownCallback
        }
        if reveal.status == .requesting { throw RevealError.notYetAccepted }
        if let received = payload.requestId?.value, received != reveal.apolloRequestID {
            throw RevealError.requestMismatch(expected: reveal.apolloRequestID, received: received)
        }
        let outcome = try await apply(payload, raw: raw, to: reveal, via: .callback)
        return (try await PhoneReveal.find(reveal.id, on: database) ?? reveal, outcome)
    }

    /// Apollo's result with only the people it was for that we still hold: someone erased while the reveal was pending
    /// (or never ours) is not stored again through it.
    static func result(_ raw: String, keeping ids: Set<String>) -> String {
        guard case .object(var result) = JSONNode(text: raw), case .array(let people)? = result["people"] else { return raw }
        result["people"] = .array(
            people.filter { entry in
                guard case .object(let person) = entry, case .string(let id)? = person["id"] else { return false }
                return ids.contains(id)
            })
        guard people.count != ids.count, let data = try? JSONEncoder().encode(JSONNode.object(result)) else { return raw }
        return String(decoding: data, as: UTF8.self)
    }

    /// Applies a result unless one was applied already; the claim (`pending` → `completed`) and every write are in
    /// one transaction, so a callback and a poll racing each other apply it once.
    public func apply(_ payload: PhoneRevealPayload, raw: String, to reveal: PhoneReveal, via delivery: PhoneReveal.Delivery) async throws -> Outcome
    {
        let id = try reveal.requireID()
        let charged = payload.creditsConsumed.map { NSDecimalNumber(decimal: $0).doubleValue }
        let applied = try await database.safeTransaction { [audit] transaction -> Bool in
            // Contacts before the reveal's row, as an erasure takes them: neither waits on the other in a circle.
            try await Contact.lockRows(Array(reveal.targets.values), on: transaction)
            guard try await PhoneReveal.claimCompletion(id, on: transaction), let current = try await PhoneReveal.find(id, on: transaction) else {
                return false
            }
            var phones = 0
            var emails = 0
            var kept = Set<String>()
            for person in payload.people ?? [] {
                guard let contactID = current.targets[person.id], let contact = try await Contact.find(contactID, on: transaction) else { continue }
                kept.insert(person.id)
                let found = try await Self.merge(person, into: contact, kind: current.kind, on: transaction)
                phones += found.phones
                emails += found.emails
            }
            current.deliveredVia = delivery
            current.phonesFound = phones
            current.emailsFound = emails
            current.creditsConsumed = charged ?? Double(phones) * CreditCost.perRevealedPhone + Double(emails)
            current.resultJSON = Self.result(raw, keeping: kept)
            current.completedAt = Date()
            try await current.save(on: transaction)
            try await audit.record(
                "reveal.delivered", entityType: "phone_reveal", entityID: id.uuidString, after: RevealSummary(current),
                actor: Self.actor, on: transaction)
            return true
        }
        Counter(label: "reveals_delivered_total", dimensions: [("via", delivery.rawValue), ("outcome", applied ? "applied" : "already_applied")])
            .increment()
        guard applied else { return .alreadyApplied }
        let settled = try await PhoneReveal.find(id, on: database)
        await RevealCredits(client: client).settle(reveal.reservationID, kind: reveal.kind, credits: settled?.creditsConsumed ?? 0)
        return .applied
    }

    /// Marks a reveal that will never get its result (Apollo forgot it, or it expired) and releases its credits.
    public func fail(_ reveal: PhoneReveal, reason: String) async throws {
        let id = try reveal.requireID()
        let failed = try await database.safeTransaction { [audit] transaction -> Bool in
            guard try await PhoneReveal.claimFailure(id, reason: reason, on: transaction) else { return false }
            try await audit.record(
                "reveal.failed", entityType: "phone_reveal", entityID: id.uuidString, after: ["reason": reason],
                actor: Self.actor, on: transaction)
            return true
        }
        if failed {
            Counter(label: "reveals_failed_total").increment()
            await RevealCredits(client: client).settle(reveal.reservationID, kind: reveal.kind, credits: 0)
        }
    }

    /// Adds what a person's result holds to the contact; returns how many phones and emails the result held.
    private static func merge(
        _ person: PhoneRevealPayload.RevealedPerson, into contact: Contact, kind: PhoneReveal.Kind,
        on database: any Database
    ) async throws -> (phones: Int, emails: Int) {
        let phones = (person.phoneNumbers ?? []).compactMap { $0.sanitizedNumber ?? $0.rawNumber }.filter { !$0.isEmpty }
        let emails = (person.emails ?? []).compactMap(\.email).filter { !$0.isEmpty }
        let before = contact.revealedPhoneNumbers ?? []
        var revealed = before
        for phone in phones where !revealed.contains(phone) { revealed.append(phone) }
        let newEmail = contact.email == nil && kind.wantsEmails ? emails.first.map(EmailAddressNormalizer.normalize) : nil
        guard revealed != before || newEmail != nil else { return (phones.count, emails.count) }
        contact.revealedPhoneNumbers = revealed
        if let newEmail { contact.email = newEmail }
        try await contact.save(on: database)
        let changes = RevealedChanges(revealedPhoneNumbers: revealed, email: newEmail)
        // Events name records by Apollo id, as the sync's do.
        try await DomainEvent(
            type: "contact.updated", entityType: "contact", entityID: try contact.apolloID ?? contact.requireID().uuidString,
            payload: try AuditService.json(changes)
        ).create(on: database)
        try await AuditService().record(
            "contact.revealed", entityType: "contact", entityID: try contact.requireID().uuidString,
            after: changes, actor: actor, on: database)
        return (phones.count, emails.count)
    }

    private struct RevealedChanges: Encodable {
        var revealedPhoneNumbers: [String]
        var email: String?
    }
}
