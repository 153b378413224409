/// How to reach Apollo.
public struct ApolloClientConfiguration: Sendable {
    /// Apollo's production base URL (CONTRACT §1).
    public static let productionBaseURL = "https://api.apollo.io/api/v1"

    /// The base URL every path is appended to; `APOLLO_BASE_URL` overrides it.
    public var baseURL: String
    /// The key sent in `x-api-key`; nil or empty refuses every call with ``ApolloError/missingAPIKey``.
    public var apiKey: String?
    /// The time one request may take, connection included.
    public var requestTimeoutSeconds: Int64
    /// Responses larger than this are refused rather than buffered.
    public var maxResponseBytes: Int
    /// The `User-Agent` header.
    public var userAgent: String

    public init(
        baseURL: String = ApolloClientConfiguration.productionBaseURL,
        apiKey: String?,
        requestTimeoutSeconds: Int64 = 30,
        maxResponseBytes: Int = 32 * 1024 * 1024,
        userAgent: String = "Prospector"
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}
