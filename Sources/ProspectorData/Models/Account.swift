import Fluent
import Foundation

/// A company in the team's Apollo CRM (an Apollo account), mirrored by Apollo id; soft-deleted when it disappears.
public final class Account: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID(key: .id) public var id: UUID?

    @OptionalField(key: "apollo_id") public var apolloID: String?
    @Field(key: "name") public var name: String
    @OptionalField(key: "domain") public var domain: String?
    @OptionalField(key: "organization_apollo_id") public var organizationApolloID: String?
    @OptionalField(key: "stage") public var stage: String?
    @OptionalField(key: "owner_id") public var ownerID: String?
    @OptionalField(key: "raw_json") public var rawJSON: String?
    @OptionalField(key: "apollo_updated_at") public var apolloUpdatedAt: Date?

    @Timestamp(key: "deleted_at", on: .delete) public var deletedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
