import Metrics

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
