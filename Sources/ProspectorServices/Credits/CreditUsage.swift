import ApolloIOClient

/// Credits spent today (UTC) and this calendar month.
public struct CreditUsage: Sendable, Equatable, Codable {
    public var today: Double
    public var thisMonth: Double
}
