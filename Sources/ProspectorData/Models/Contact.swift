import ApolloIOClient
import Fluent
import Foundation

/// A person we keep: from enrichment or CRM sync, keyed by Apollo id and by email (each unique when present).
public final class Contact: Model, @unchecked Sendable {
    public static let schema = "contacts"

    @ID(key: .id) public var id: UUID?

    @OptionalField(key: "apollo_id") public var apolloID: String?
    /// Lower-cased (``EmailAddressNormalizer``); nil when unknown.
    @OptionalField(key: "email") public var email: String?

    @OptionalField(key: "first_name") public var firstName: String?
    @OptionalField(key: "last_name") public var lastName: String?
    /// The full name (Apollo's `name`, else first and last name).
    @OptionalField(key: "name") public var name: String?
    @OptionalField(key: "title") public var title: String?
    @OptionalField(key: "seniority") public var seniority: String?
    @Field(key: "departments") public var departments: [String]
    @Field(key: "phone_numbers") public var phoneNumbers: [String]
    /// Phones delivered by a reveal (sanitized); never rewritten by sync or enrichment.
    @OptionalField(key: "revealed_phone_numbers") public var revealedPhoneNumbers: [String]?
    @OptionalField(key: "linkedin_url") public var linkedinURL: String?
    @OptionalParent(key: "organization_id") public var organization: Organization?
    @OptionalField(key: "stage") public var stage: String?
    @OptionalField(key: "owner_id") public var ownerID: String?
    @OptionalField(key: "raw_json") public var rawJSON: String?
    @OptionalField(key: "enriched_at") public var enrichedAt: Date?
    @OptionalField(key: "apollo_updated_at") public var apolloUpdatedAt: Date?
    /// `crm` (the team's Apollo contact, synced) or `enrichment` (a person we enriched).
    @OptionalField(key: "source") public var source: String?

    @Siblings(through: DealContact.self, from: \.$contact, to: \.$deal) public var deals: [Deal]
    @Timestamp(key: "deleted_at", on: .delete) public var deletedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {
        departments = []
        phoneNumbers = []
    }

    public init(id: UUID? = nil, apolloID: String? = nil, email: String? = nil) {
        self.id = id
        self.apolloID = apolloID
        self.email = email.map(EmailAddressNormalizer.normalize)
        self.departments = []
        self.phoneNumbers = []
    }
}
