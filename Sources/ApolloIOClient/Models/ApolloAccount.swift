import Foundation

/// A company saved in the team's workspace (CONTRACT §13.5).
public struct ApolloAccount: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var domain: String?
    public var organizationId: String?
    public var accountStageId: String?
    public var ownerId: String?
    public var phone: String?
    public var source: String?
    public var createdAt: Date?
    public var updatedAt: Date?
}

/// `{"account": …}`.
public struct AccountEnvelope: Sendable, Hashable, Decodable {
    public var account: ApolloAccount
}

/// A page of account search results.
public struct AccountSearchPage: Sendable, Hashable, Decodable {
    public var accounts: [ApolloAccount]
    public var pagination: Pagination?
}
