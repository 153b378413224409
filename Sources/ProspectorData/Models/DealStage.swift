import Fluent
import Foundation

/// A deal stage of Apollo's pipeline, mirrored by Apollo id.
public final class DealStage: Model, @unchecked Sendable {
    public static let schema = "deal_stages"

    @ID(key: .id) public var id: UUID?

    @Field(key: "apollo_id") public var apolloID: String
    @Field(key: "name") public var name: String
    @Field(key: "display_order") public var displayOrder: Int
    @OptionalField(key: "probability") public var probability: Double?
    @Field(key: "is_won") public var isWon: Bool
    @Field(key: "is_closed") public var isClosed: Bool
    @OptionalField(key: "pipeline_id") public var pipelineID: String?

    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(apolloID: String, name: String, displayOrder: Int, isWon: Bool = false, isClosed: Bool = false) {
        self.apolloID = apolloID
        self.name = name
        self.displayOrder = displayOrder
        self.isWon = isWon
        self.isClosed = isClosed
    }
}
