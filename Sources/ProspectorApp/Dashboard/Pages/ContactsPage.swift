import Foundation
import ProspectorData
import ProspectorServices

/// A contact in the search results.
struct ContactRow: Encodable {
    var id: String
    var name: String
    var email: String
    var title: String
    var organization: String

    init(_ contact: Contact) {
        id = contact.id?.uuidString ?? ""
        name = contact.name ?? [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
        email = contact.email ?? "—"
        title = contact.title ?? "—"
        organization = contact.$organization.value??.name ?? "—"
    }
}

/// The contacts page: a search by email, name or organization.
struct ContactsPage: Encodable {
    var chrome: PageChrome
    var q: String
    var contacts: [ContactRow]
}

/// A contact's page: its fields, enrichment history and audit trail.
struct ContactPage: Encodable {
    struct Field: Encodable {
        var name: String
        var value: String
    }

    struct Enrichment: Encodable {
        var at: String
        var endpoint: String
        var credits: String
        var matchedBy: String
    }

    struct AuditRow: Encodable {
        var at: String
        var action: String
        var actor: String
    }

    var chrome: PageChrome
    var contact: ContactRow
    var fields: [Field]
    var enrichments: [Enrichment]
    var audit: [AuditRow]

    init(chrome: PageChrome, history: ContactHistory) {
        let contact = history.contact
        self.chrome = chrome
        self.contact = ContactRow(contact)
        let values: [(String, String?)] = [
            ("Email", contact.email), ("First name", contact.firstName), ("Last name", contact.lastName), ("Title", contact.title),
            ("Seniority", contact.seniority), ("Departments", contact.departments.joined(separator: ", ")),
            ("Phone numbers", contact.phoneNumbers.joined(separator: ", ")), ("LinkedIn", contact.linkedinURL),
            ("Organization", contact.$organization.value??.name), ("Stage", contact.stage), ("Apollo id", contact.apolloID),
            ("Source", contact.source), ("Enriched", contact.enrichedAt.map { DashboardFormat.time($0) }),
            ("Created", contact.createdAt.map { DashboardFormat.time($0) }),
        ]
        fields = values.map { Field(name: $0.0, value: ($0.1?.isEmpty ?? true) ? "—" : $0.1!) }
        enrichments = history.enrichments.map {
            Enrichment(
                at: DashboardFormat.time($0.at), endpoint: $0.endpoint ?? "not recorded", credits: DashboardFormat.credits($0.credits),
                matchedBy: $0.matchedBy)
        }
        audit = history.audit.map {
            AuditRow(
                at: DashboardFormat.time($0.occurredAt), action: $0.action,
                actor: [$0.actorType.rawValue, $0.actorID].compactMap { $0 }.joined(separator: " "))
        }
    }
}
