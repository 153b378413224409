import Metrics

/// How long answers of an endpoint stay fresh, and how long past that a stale one may stand in when Apollo fails.
public struct CachePolicy: Sendable, Equatable {
    public var ttlSeconds: Double
    public var staleSeconds: Double

    public init(ttlSeconds: Double, staleSeconds: Double) {
        self.ttlSeconds = ttlSeconds
        self.staleSeconds = staleSeconds
    }
}

/// One stored answer.
public struct CachedResponse: Sendable, Equatable {
    public var body: [UInt8]
    public var status: Int
    public var storedAt: Double

    public init(body: [UInt8], status: Int, storedAt: Double) {
        self.body = body
        self.status = status
        self.storedAt = storedAt
    }
}

/// Where cache entries live: in memory for one process, in SQL for processes that share them.
public protocol ResponseCacheStore: Sendable {
    func entry(_ key: String) async throws -> CachedResponse?
    func store(_ key: String, _ response: CachedResponse, expiresAt: Double) async throws
}
