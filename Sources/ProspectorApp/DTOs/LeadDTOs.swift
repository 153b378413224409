import ApolloIOClient
import Foundation
import ProspectorData
import ProspectorServices
import Vapor

/// `POST /api/leads/search`.
struct LeadSearchBody: RequestBody {
    var domains: [String]?
    var titles: [String]?
    var seniorities: [String]?
    var locations: [String]?
    var employeeRanges: [String]?
    var keywords: String?
    var page: Int?
    var perPage: Int?

    func validate() throws(APIError) {
        for (values, field) in [
            (domains, "domains"), (titles, "titles"), (seniorities, "seniorities"), (locations, "locations"),
            (employeeRanges, "employeeRanges"),
        ] { try Check.list(values, field) }
        try Check.text(keywords, "keywords")
        try Check.range(page, "page", 1...LeadSearch.maxPage)
        try Check.range(perPage, "perPage", 1...LeadSearch.maxPerPage)
    }

    var search: LeadSearch {
        LeadSearch(
            domains: domains, titles: titles, seniorities: seniorities, locations: locations, employeeRanges: employeeRanges,
            keywords: keywords, page: page ?? 1, perPage: perPage ?? Self.defaultPerPage)
    }

    /// Pages of 100 unless asked otherwise, as the reference architecture asks Apollo for: people search is free, so
    /// bigger pages mean fewer calls against the search rate limit.
    static let defaultPerPage = LeadSearch.maxPerPage
}

struct PaginationDTO: Content {
    var page: Int
    var perPage: Int
    var totalEntries: Int?
    var totalPages: Int?
}

struct LeadDTO: Content {
    var id: String
    var firstName: String?
    var lastNameObfuscated: String?
    var title: String?
    var organizationName: String?
    var hasEmail: Bool?

    init(_ person: PersonSearchResult) {
        id = person.id
        firstName = person.firstName
        lastNameObfuscated = person.lastNameObfuscated
        title = person.title
        organizationName = person.organization?.name
        hasEmail = person.hasEmail
    }
}

struct LeadsResponse: Content {
    var leads: [LeadDTO]
    var pagination: PaginationDTO
}

/// Who to enrich: an email, a LinkedIn URL, an Apollo id, or a name with a domain.
struct PersonBody: RequestBody {
    var email: String?
    var linkedinUrl: String?
    var apolloId: String?
    var firstName: String?
    var lastName: String?
    var name: String?
    var domain: String?

    func validate(at prefix: String) throws(APIError) {
        try Check.email(email, prefix + "email")
        try Check.apolloID(apolloId, prefix + "apolloId")
        for (value, field) in [
            (linkedinUrl, "linkedinUrl"), (firstName, "firstName"), (lastName, "lastName"), (name, "name"), (domain, "domain"),
        ] { try Check.text(value, prefix + field) }
        let named = name != nil || (firstName != nil && lastName != nil)
        guard email != nil || linkedinUrl != nil || apolloId != nil || (named && domain != nil) else {
            throw .invalid(prefix.isEmpty ? "body" : String(prefix.dropLast()), "needs email, linkedinUrl, apolloId, or a name with a domain")
        }
    }

    func validate() throws(APIError) { try validate(at: "") }

    var identity: PersonIdentity {
        PersonIdentity(id: apolloId, email: email, linkedinUrl: linkedinUrl, firstName: firstName, lastName: lastName, name: name, domain: domain)
    }
}

/// `POST /api/leads/enrich`: a person (the fields of ``PersonBody``, flat) and the reveal option.
struct EnrichBody: RequestBody {
    var person: PersonBody
    var revealPersonalEmails: Bool?
    /// Phones arrive minutes later through Apollo's callback (or the poll); the answer carries the reveal to follow.
    var revealPhoneNumber: Bool?

    private enum CodingKeys: String, CodingKey { case revealPersonalEmails, revealPhoneNumber }

    init(from decoder: any Decoder) throws {
        person = try PersonBody(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        revealPersonalEmails = try container.decodeIfPresent(Bool.self, forKey: .revealPersonalEmails)
        revealPhoneNumber = try container.decodeIfPresent(Bool.self, forKey: .revealPhoneNumber)
    }

    func validate() throws(APIError) {
        try person.validate()
    }
}

/// `POST /api/leads/enrich/bulk`.
struct BulkEnrichBody: RequestBody {
    var people: [PersonBody]
    var revealPersonalEmails: Bool?
    /// Only estimate: what memory answers, new records, worst-case credits and time; nothing is spent.
    var dryRun: Bool?

    static let maxPeople = 10_000

    func validate() throws(APIError) {
        guard (1...Self.maxPeople).contains(people.count) else { throw .invalid("people", "must hold 1 to \(Self.maxPeople) entries") }
        for (index, person) in people.enumerated() { try person.validate(at: "people[\(index)].") }
    }
}

/// A stored contact: the reference architecture's Contact model (`apolloId`, `email`, `name`, `title`, `seniority`,
/// `phone`, `linkedinUrl`, `organizationId`, `enrichedAt`, `createdAt`, `updatedAt`) with our fields beside.
struct ContactDTO: Content {
    var id: UUID
    var apolloId: String?
    var email: String?
    var name: String?
    var firstName: String?
    var lastName: String?
    var title: String?
    var seniority: String?
    var departments: [String]
    var phoneNumbers: [String]
    /// Phones delivered by reveals; kept apart from Apollo's record, which sync rewrites.
    var revealedPhoneNumbers: [String]
    var linkedinUrl: String?
    var organizationId: UUID?
    var enrichedAt: Date?
    var createdAt: Date?
    var updatedAt: Date?
    /// The best known number (a revealed phone first, then Apollo's), or null: always present, as in the reference.
    var phone: JSONNode
    /// Apollo's record as Prospector decoded it, only when asked for (`?include=rawApolloData`).
    var rawApolloData: JSONNode?

    init(_ contact: Contact, rawApolloData: Bool = false) throws {
        id = try contact.requireID()
        apolloId = contact.apolloID
        email = contact.email
        firstName = contact.firstName
        lastName = contact.lastName
        title = contact.title
        seniority = contact.seniority
        departments = contact.departments
        phoneNumbers = contact.phoneNumbers
        revealedPhoneNumbers = contact.revealedPhoneNumbers ?? []
        linkedinUrl = contact.linkedinURL
        organizationId = contact.$organization.id
        enrichedAt = contact.enrichedAt
        name = contact.name
        createdAt = contact.createdAt
        updatedAt = contact.updatedAt
        phone = (contact.revealedPhoneNumbers ?? []).first.map(JSONNode.string) ?? contact.phoneNumbers.first.map(JSONNode.string) ?? .null
        self.rawApolloData = rawApolloData ? JSONNode(text: contact.rawJSON) : nil
    }
}

struct ContactResponse: Content {
    var contact: ContactDTO
    /// Present when phones were asked for: follow it at `/api/reveals/{id}`.
    var phoneReveal: RevealSummary?

    init(contact: ContactDTO, phoneReveal: RevealSummary? = nil) {
        self.contact = contact
        self.phoneReveal = phoneReveal
    }
}

/// A bulk enrichment accepted: enqueued (`jobId`), or held for approval (`approvalId`, state `awaiting_approval`).
struct AcceptedJobResponse: Content {
    var jobId: Int64?
    /// The BullMQ queue on Redis that holds the job (`JOBS_BACKEND=redis`); absent for a SQL job.
    var queue: String?
    var state: String
    var people: Int
    var approvalId: UUID?
    /// The worst case the approval is asked for.
    var worstCaseCredits: Double?
}

struct ContactsResponse: Content {
    var contacts: [ContactDTO]
    /// Pass as `cursor` for the next page; absent on the last page.
    var nextCursor: String?
}
