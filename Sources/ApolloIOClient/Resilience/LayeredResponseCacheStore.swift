/// A process's own copy in front of the shared cache: a hit read from the shared store is kept here for
/// `localSeconds`, so that a hot read costs no database round trip (the HTTP benchmark: every cached read paid one).
/// Another process's newer entry is seen once the local copy lapses; the pipeline judges freshness by `storedAt`,
/// which the copy keeps, so a copy never makes an answer look fresher than it is.
public struct LayeredResponseCacheStore: ResponseCacheStore {
    let local: InMemoryResponseCacheStore
    let shared: any ResponseCacheStore
    let localSeconds: Double
    let clock: any ApolloClock

    public init(shared: any ResponseCacheStore, localSeconds: Double = 5, clock: any ApolloClock = SystemApolloClock()) {
        self.local = InMemoryResponseCacheStore(clock: clock)
        self.shared = shared
        self.localSeconds = localSeconds
        self.clock = clock
    }

    public func entry(_ key: String) async throws -> CachedResponse? {
        if let copy = await local.entry(key) { return copy }
        guard let found = try await shared.entry(key) else { return nil }
        await local.store(key, found, expiresAt: clock.now() + localSeconds)
        return found
    }

    public func store(_ key: String, _ response: CachedResponse, expiresAt: Double) async throws {
        try await shared.store(key, response, expiresAt: expiresAt)
        await local.store(key, response, expiresAt: min(expiresAt, clock.now() + localSeconds))
    }
}
