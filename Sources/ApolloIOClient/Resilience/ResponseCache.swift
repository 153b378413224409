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

/// Entries of one process, dropped once past their stale window.
public actor InMemoryResponseCacheStore: ResponseCacheStore {
    private var entries: [String: (response: CachedResponse, expiresAt: Double)] = [:]
    private let clock: any ApolloClock

    public init(clock: any ApolloClock = SystemApolloClock()) { self.clock = clock }

    public func entry(_ key: String) -> CachedResponse? {
        guard let found = entries[key] else { return nil }
        if found.expiresAt < clock.now() {
            entries[key] = nil
            return nil
        }
        return found.response
    }

    public func store(_ key: String, _ response: CachedResponse, expiresAt: Double) {
        entries[key] = (response, expiresAt)
        if entries.count > 10_000 { entries = entries.filter { $0.value.expiresAt >= clock.now() } }
    }
}

/// Concurrent identical misses share one upstream call: the first caller fetches, the others await its result.
actor CallCoalescer {
    private var inFlight: [String: Task<ApolloResponse<[UInt8]>, any Error>] = [:]

    /// Runs `fetch` unless a call with the same key is in flight; returns its result and whether it was shared.
    func run(_ key: String, _ fetch: @escaping @Sendable () async throws(ApolloError) -> ApolloResponse<[UInt8]>)
        async throws(ApolloError) -> (response: ApolloResponse<[UInt8]>, shared: Bool)
    {
        if let running = inFlight[key] { return (try await Self.value(of: running), true) }
        let task = Task<ApolloResponse<[UInt8]>, any Error> { try await fetch() }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        return (try await Self.value(of: task), false)
    }

    private static func value(of task: Task<ApolloResponse<[UInt8]>, any Error>) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        do { return try await task.value } catch let error as ApolloError { throw error } catch {
            throw .transport(description: "\(error)")
        }
    }
}
