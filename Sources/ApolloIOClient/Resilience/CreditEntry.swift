import Foundation

/// One call's credits: reserved at the worst case before it is sent, settled at what Apollo charged.
public struct CreditEntry: Sendable, Equatable {
    public var route: String
    public var records: Int
    public var credits: Double
    public var apiKeyID: String?
    public var jobID: Int64?
    public var at: Double

    public init(route: String, records: Int, credits: Double, apiKeyID: String?, jobID: Int64?, at: Double) {
        self.route = route
        self.records = records
        self.credits = credits
        self.apiKeyID = apiKeyID
        self.jobID = jobID
        self.at = at
    }
}
