import ApolloIOClient
import Fluent
import Foundation

/// A company, from Apollo's database or enrichment, keyed by Apollo id and by normalized primary domain.
public final class Organization: Model, @unchecked Sendable {
    public static let schema = "organizations"

    @ID(key: .id) public var id: UUID?

    @OptionalField(key: "apollo_id") public var apolloID: String?
    /// Lower-cased, without scheme, `www.` or path (``DomainName/normalize(_:)``).
    @OptionalField(key: "primary_domain") public var primaryDomain: String?

    @Field(key: "name") public var name: String
    @OptionalField(key: "industry") public var industry: String?
    @OptionalField(key: "employee_count") public var employeeCount: Int?
    @OptionalField(key: "annual_revenue") public var annualRevenue: Double?
    @OptionalField(key: "city") public var city: String?
    @OptionalField(key: "state") public var state: String?
    @OptionalField(key: "country") public var country: String?
    /// Apollo's JSON as received, so nothing Apollo sent is lost.
    @OptionalField(key: "raw_json") public var rawJSON: String?
    @OptionalField(key: "enriched_at") public var enrichedAt: Date?

    @Children(for: \.$organization) public var contacts: [Contact]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, apolloID: String? = nil, primaryDomain: String? = nil, name: String) {
        self.id = id
        self.apolloID = apolloID
        self.primaryDomain = primaryDomain.map(DomainName.normalize)
        self.name = name
    }
}
