import Foundation

/// A deal (CONTRACT §13.6). Apollo takes `amount` as a string of digits and returns it as a number.
public struct Opportunity: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var amount: Double?
    public var ownerId: String?
    public var accountId: String?
    public var opportunityStageId: String?
    public var stageName: String?
    public var opportunityPipelineId: String?
    public var closedDate: Date?
    public var isClosed: Bool?
    public var isWon: Bool?
    public var currency: Currency?
    public var source: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var stageUpdatedAt: Date?

    /// The deal's currency.
    public struct Currency: Sendable, Hashable, Codable {
        public var name: String?
        public var isoCode: String?
        public var symbol: String?
    }
}

/// `{"opportunity": …}`.
public struct OpportunityEnvelope: Sendable, Hashable, Decodable {
    public var opportunity: Opportunity
}

/// A page of deals.
public struct OpportunitySearchPage: Sendable, Hashable, Decodable {
    public var opportunities: [Opportunity]
    public var pagination: Pagination?
}

/// A deal stage (CONTRACT §9.5).
public struct OpportunityStage: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var displayOrder: Double?
    public var isWon: Bool?
    public var isClosed: Bool?
    public var probability: Double?
    public var opportunityPipelineId: String?
    public var type: String?
}

/// `{"opportunity_stages": […]}`.
public struct OpportunityStageList: Sendable, Hashable, Decodable {
    public var opportunityStages: [OpportunityStage]
}
