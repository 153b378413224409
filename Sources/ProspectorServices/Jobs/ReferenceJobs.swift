import ApolloIOClient
import Foundation
import JobQueue
import ProspectorData

/// `enrich-person` on `apollo-enrichment` (the reference's name): enriches one person by email and stores the contact.
public struct EnrichPersonJob: ProspectorJob {
    public static let kind = "enrich-person"
    public static let queue = QueueName.apolloEnrichment
    public static let maxAttempts = QueueDefaults.apolloEnrichment.attempts
    public static var options: JobOptions { QueueDefaults.apolloEnrichment.options }

    public struct Payload: Codable, Sendable, Equatable, AttributedPayload {
        public var email: String
        /// Our API key that added it (credit budgets and the ledger); set by us, never taken from the adder's data.
        public var apiKeyID: String?

        public init(email: String, apiKeyID: String? = nil) {
            self.email = email
            self.apiKeyID = apiKeyID
        }
    }

    /// The job's result: the stored contact, or `matched: false`.
    public struct Outcome: Codable, Sendable, Equatable {
        public var matched: Bool
        public var contactId: UUID?
        public var apolloId: String?
        public var email: String?
        public var name: String?
        /// Why nothing was done (a suppressed person), when so.
        public var skipped: String?
    }

    let leads: LeadService

    public init(leads: LeadService) { self.leads = leads }

    public static func apiKeyID(of payload: Payload) -> String? { payload.apiKeyID }

    public static func validate(_ payload: Payload) throws(ServiceError) {
        guard EmailAddressNormalizer.isPlausible(payload.email) else { throw .invalid(field: "data.email", problem: "must be an email address") }
    }

    public static func people(in payload: Payload) -> [SuppressionSubject] { [SuppressionSubject(emails: [payload.email])] }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        let contact: Contact?
        do {
            contact = try await leads.enrich(PersonIdentity(email: payload.email), actor: .job(context.job.id))
        } catch ServiceError.suppressed(let reason) {
            return try .complete(encoding: Outcome(matched: false, skipped: reason))
        }
        return try .complete(
            encoding: Outcome(
                matched: contact != nil, contactId: contact?.id, apolloId: contact?.apolloID, email: contact?.email, name: contact?.name))
    }
}

/// `enrich-org` on `apollo-enrichment`: enriches one organization by domain and stores it.
public struct EnrichOrganizationJob: ProspectorJob {
    public static let kind = "enrich-org"
    public static let queue = QueueName.apolloEnrichment
    public static let maxAttempts = QueueDefaults.apolloEnrichment.attempts
    public static var options: JobOptions { QueueDefaults.apolloEnrichment.options }

    public struct Payload: Codable, Sendable, Equatable, AttributedPayload {
        public var domain: String
        /// Our API key that added it; set by us, never taken from the adder's data.
        public var apiKeyID: String?

        public init(domain: String, apiKeyID: String? = nil) {
            self.domain = domain
            self.apiKeyID = apiKeyID
        }
    }

    /// The job's result: the stored organization, or `matched: false`.
    public struct Outcome: Codable, Sendable, Equatable {
        public var matched: Bool
        public var organizationId: UUID?
        public var apolloId: String?
        public var domain: String?
        public var name: String?
    }

    let organizations: OrganizationService

    public init(organizations: OrganizationService) { self.organizations = organizations }

    public static func apiKeyID(of payload: Payload) -> String? { payload.apiKeyID }

    public static func validate(_ payload: Payload) throws(ServiceError) {
        guard DomainName.isPlain(payload.domain) else { throw .invalid(field: "data.domain", problem: "must be a domain name") }
    }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        let organization = try await organizations.enrich(domain: DomainName.normalize(payload.domain), actor: .job(context.job.id))
        return try .complete(
            encoding: Outcome(
                matched: organization != nil, organizationId: organization?.id, apolloId: organization?.apolloID,
                domain: organization?.primaryDomain, name: organization?.name))
    }
}
