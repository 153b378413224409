import Fluent
import Foundation

/// A deal (Apollo opportunity), mirrored by Apollo id.
public final class Deal: Model, @unchecked Sendable {
    public static let schema = "deals"

    @ID(key: .id) public var id: UUID?

    @OptionalField(key: "apollo_id") public var apolloID: String?
    @Field(key: "name") public var name: String
    @OptionalField(key: "amount") public var amount: Double?
    @OptionalField(key: "currency") public var currency: String?
    @OptionalParent(key: "stage_id") public var stage: DealStage?
    @OptionalField(key: "owner_id") public var ownerID: String?
    /// Apollo's account id (the company the deal is with).
    @OptionalField(key: "account_apollo_id") public var accountApolloID: String?
    @OptionalParent(key: "organization_id") public var organization: Organization?
    @OptionalField(key: "close_date") public var closeDate: Date?
    @OptionalField(key: "raw_json") public var rawJSON: String?
    @OptionalField(key: "apollo_updated_at") public var apolloUpdatedAt: Date?

    @Siblings(through: DealContact.self, from: \.$deal, to: \.$contact) public var contacts: [Contact]
    @Timestamp(key: "deleted_at", on: .delete) public var deletedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, apolloID: String? = nil, name: String) {
        self.id = id
        self.apolloID = apolloID
        self.name = name
    }
}
