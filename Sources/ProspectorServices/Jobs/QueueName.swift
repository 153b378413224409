/// A queue of Prospector's jobs; workers take queues by name (`WORKER_QUEUES`).
public struct QueueName: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// Enrichment and reveal polls: they spend credits and the bulk rate limit.
    public static let enrich: QueueName = "enrich"
    /// CRM sync runs.
    public static let sync: QueueName = "sync"
    /// Stage-change automation and outbound webhook deliveries.
    public static let automation: QueueName = "automation"
    /// The reference architecture's queue: `enrich-person`, `enrich-org` and `bulk-search`, by those names.
    public static let apolloEnrichment: QueueName = "apollo-enrichment"
    /// Anything else.
    public static let `default`: QueueName = "default"
}
