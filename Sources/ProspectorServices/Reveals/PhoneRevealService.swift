import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Asynchronous enrichment (phone reveal, waterfall; CONTRACT §12.3): asks Apollo with a callback URL of its own per
/// request, sets the delivery's credits aside, and schedules a poll in case the callback never arrives. The
/// delivery itself is taken by ``RevealDelivery``.
public struct PhoneRevealService: Sendable {
    let enrichment: EnrichmentService
    let database: any Database
    /// Where Apollo can reach us, e.g. `https://prospector.example.com`; the callback path is appended.
    let publicBaseURL: String
    /// How long after the request the result is polled if no callback arrived.
    let pollAfterSeconds: Double
    let mirroring: ApolloMirroring
    let audit = AuditService()

    public init(
        enrichment: EnrichmentService, database: any Database, publicBaseURL: String, pollAfterSeconds: Double,
        mirroring: ApolloMirroring = ApolloMirroring()
    ) {
        self.enrichment = enrichment
        self.database = database
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.pollAfterSeconds = pollAfterSeconds
        self.mirroring = mirroring
    }

    /// The path Apollo posts to; the token is the only credential (see ``CallbackToken``).
    public static let callbackPath = "/webhooks/apollo"

    /// Asks Apollo for the phones (or a waterfall) of 1 to 10 stored contacts.
    public func reveal(contactIDs: [UUID], kind: PhoneReveal.Kind, actor: AuditActor, apiKeyID: String?) async throws -> PhoneReveal {
        guard (1...ApolloClient.bulkEnrichmentLimit).contains(contactIDs.count) else { throw RevealError.contactCount(contactIDs.count) }
        let unique = contactIDs.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        var identities: [PersonIdentity] = []
        for id in unique {
            guard let contact = try await Contact.find(id, on: database) else { throw RevealError.unknownContact(id) }
            guard let identity = Self.identity(of: contact) else { throw RevealError.unidentifiableContact(id) }
            identities.append(identity)
        }
        return try await start(kind: kind, identities: identities, contactIDs: unique, actor: actor, apiKeyID: apiKeyID).reveal
    }

    /// Enriches one person and asks for their phones in the same Apollo call: the person is stored as a contact,
    /// and the phones follow through the callback. Nil contact when Apollo knows no one matching.
    public func enrichAndReveal(
        _ identity: PersonIdentity, options: EnrichmentOptions, kind: PhoneReveal.Kind, actor: AuditActor,
        apiKeyID: String?
    ) async throws -> (contact: Contact?, reveal: PhoneReveal) {
        let started = try await start(kind: kind, identities: [identity], contactIDs: nil, options: options, actor: actor, apiKeyID: apiKeyID)
        return (started.contacts.first ?? nil, started.reveal)
    }

    /// What to match a stored contact on: the Apollo person (an enriched person's id, a CRM contact's `person_id`),
    /// else the email.
    static func identity(of contact: Contact) -> PersonIdentity? {
        if contact.source != "crm", let id = contact.apolloID { return PersonIdentity(id: id) }
        let raw = contact.rawJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        if let personID = raw?["personId"] as? String { return PersonIdentity(id: personID) }
        return contact.email.map { PersonIdentity(email: $0) }
    }

    /// One request: the reveal row first (so the callback URL exists before Apollo knows it), then the credits, then
    /// the call; `contactIDs` nil means the matches are stored as new contacts.
    private func start(
        kind: PhoneReveal.Kind, identities: [PersonIdentity], contactIDs: [UUID]?, options: EnrichmentOptions = EnrichmentOptions(),
        actor: AuditActor, apiKeyID: String?
    ) async throws -> (reveal: PhoneReveal, contacts: [Contact?]) {
        let (token, hash) = CallbackToken.generate()
        let reveal = PhoneReveal(tokenHash: hash, kind: kind, contactIDs: contactIDs ?? [], apiKeyID: apiKeyID)
        try await reveal.create(on: database)
        let credits = RevealCredits(client: enrichment.client)
        do {
            reveal.reservationID = try await credits.reserve(kind: kind, people: identities.count, apiKeyID: apiKeyID)
        } catch {
            try await reveal.delete(on: database)
            throw error
        }
        reveal.creditsReserved = credits.worstCase(kind: kind, people: identities.count)
        let answer: ApolloMatch
        do {
            answer = try await enrichment.match(
                identities, options: Self.options(kind, base: options, webhookURL: "\(publicBaseURL)\(Self.callbackPath)/\(token)"))
        } catch {
            await credits.settle(reveal.reservationID, kind: kind, credits: 0)
            reveal.status = .failed
            reveal.failureReason = "\(error)"
            try await reveal.save(on: database)
            throw error
        }
        let contacts = try await database.safeTransaction { [mirroring, audit, pollAfterSeconds] transaction in
            var stored: [Contact?] = []
            for (index, person) in answer.matches.enumerated() {
                guard let person else {
                    stored.append(nil)
                    continue
                }
                if let contactIDs {
                    reveal.targets[person.id] = contactIDs[index]
                    stored.append(nil)
                } else {
                    let contact = try await mirroring.store(person, actor: actor, on: transaction)
                    reveal.targets[person.id] = try contact.requireID()
                    reveal.contactIDs.append(try contact.requireID())
                    stored.append(contact)
                }
            }
            reveal.apolloRequestID = answer.requestID?.value
            reveal.status = answer.requestID == nil ? .completed : .pending
            if reveal.status == .completed { reveal.completedAt = Date() }
            try await reveal.save(on: transaction)
            try await audit.record(
                "reveal.requested", entityType: "phone_reveal", entityID: try reveal.requireID().uuidString,
                after: RevealSummary(reveal), actor: actor, on: transaction)
            if reveal.status == .pending {
                _ = try await PhoneRevealPollJob.enqueue(
                    PhoneRevealPollJob.Payload(revealId: try reveal.requireID(), apiKeyId: apiKeyID), delay: pollAfterSeconds, on: transaction)
            }
            return stored
        }
        if reveal.status == .completed { await credits.settle(reveal.reservationID, kind: kind, credits: 0) }
        return (reveal, contacts)
    }

    static func options(_ kind: PhoneReveal.Kind, base: EnrichmentOptions, webhookURL: String) -> EnrichmentOptions {
        var options = base
        options.revealPhoneNumber = kind == .phone ? true : nil
        options.runWaterfallPhone = kind.isWaterfall && kind.wantsPhones ? true : nil
        options.runWaterfallEmail = kind.isWaterfall && kind.wantsEmails ? true : nil
        options.webhookUrl = webhookURL
        return options
    }
}
