import Foundation

/// Where an answer came from.
public enum ResponseSource: String, Sendable {
    /// Sent to Apollo for this call.
    case network
    /// The answer of an identical call in flight (that call reached Apollo and paid).
    case shared
    /// A cache entry within its TTL.
    case fresh
    /// A cache entry past its TTL, served because Apollo failed or the breaker is open.
    case stale
}

/// A decoded 2xx answer with what its headers said about the rate limit.
public struct ApolloResponse<Value: Sendable>: Sendable {
    /// The decoded body.
    public var value: Value
    /// The HTTP status code.
    public var status: Int
    /// The parsed `x-rate-limit-*` headers (empty for cached answers).
    public var rateLimit: RateLimitStatus
    /// Whether the answer came from Apollo or the cache.
    public var cache: ResponseSource
    /// Apollo's clock when it answered (its `Date` header; nil for cached answers or without one).
    public var serverDate: Date?

    public init(value: Value, status: Int, rateLimit: RateLimitStatus, cache: ResponseSource = .network, serverDate: Date? = nil) {
        self.value = value
        self.status = status
        self.rateLimit = rateLimit
        self.cache = cache
        self.serverDate = serverDate
    }

    /// An HTTP date (`Sun, 29 Nov 2026 23:00:00 GMT`, RFC 9110 §5.6.7).
    static func httpDate(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
