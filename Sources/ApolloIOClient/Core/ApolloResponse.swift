/// A decoded Apollo response with what its headers said about the rate limits.
public struct ApolloResponse<Value: Sendable>: Sendable {
    /// The decoded body.
    public var value: Value
    /// The HTTP status code.
    public var status: Int
    /// The parsed `x-rate-limit-*` headers.
    public var rateLimit: RateLimitStatus

    public init(value: Value, status: Int, rateLimit: RateLimitStatus) {
        self.value = value
        self.status = status
        self.rateLimit = rateLimit
    }
}
