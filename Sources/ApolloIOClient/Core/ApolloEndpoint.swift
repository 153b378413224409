import NIOHTTP1

/// The rate-limit group an endpoint belongs to (CONTRACT §5.2): each group has its own windows.
public enum EndpointGroup: String, Sendable, CaseIterable, Codable {
    /// Single-record enrichment: people match, organization enrich.
    case enrichment
    /// Bulk enrichment, limited to a tenth of the single-record rate.
    case bulkEnrichment = "bulk_enrichment"
    /// Apollo-database searches: people API search, organization search.
    case search
    /// Everything else (CRM, sequences, tasks, usage, users).
    case standard
}

/// One Apollo REST operation: method, path, scope label and rate-limit group.
public struct ApolloEndpoint: Sendable, Equatable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path below the base URL, with any id already substituted.
    public var path: String
    /// Apollo's scope label, also the route named in 403 and 429 messages.
    public var route: String
    /// The rate-limit group.
    public var group: EndpointGroup
    /// Whether only a master key may call it.
    public var masterKeyOnly: Bool
    /// Whether a call creates a record, so that sending it twice could create two (never retried blindly).
    public var createsData: Bool

    public init(
        _ method: HTTPMethod, _ path: String, route: String, group: EndpointGroup = .standard,
        masterKeyOnly: Bool = false, createsData: Bool = false
    ) {
        self.createsData = createsData
        self.method = method
        self.path = path
        self.route = route
        self.group = group
        self.masterKeyOnly = masterKeyOnly
    }
}
