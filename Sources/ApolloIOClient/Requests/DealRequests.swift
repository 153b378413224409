/// Fields of a deal to create or update (CONTRACT §9.1). `amount` is digits only: Apollo blanks amounts with commas.
public struct OpportunityInput: Sendable, Hashable, Codable {
    public var name: String?
    public var ownerId: String?
    public var accountId: String?
    public var amount: String?
    public var opportunityStageId: String?
    /// `YYYY-MM-DD`.
    public var closedDate: String?

    public init(
        name: String? = nil, ownerId: String? = nil, accountId: String? = nil, amount: String? = nil,
        opportunityStageId: String? = nil, closedDate: String? = nil
    ) {
        self.name = name
        self.ownerId = ownerId
        self.accountId = accountId
        self.amount = amount
        self.opportunityStageId = opportunityStageId
        self.closedDate = closedDate
    }
}

/// Query of `GET /opportunities/search`.
public struct OpportunitySearchRequest: Sendable, Hashable, Codable {
    /// `amount`, `is_closed` or `is_won`.
    public var sortByField: String?
    public var qOpportunityName: String?
    public var page: Int?
    public var perPage: Int?

    public init(sortByField: String? = nil, qOpportunityName: String? = nil, page: Int? = nil, perPage: Int? = nil) {
        self.sortByField = sortByField
        self.qOpportunityName = qOpportunityName
        self.page = page
        self.perPage = perPage
    }
}
