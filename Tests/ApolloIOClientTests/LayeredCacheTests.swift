import Synchronization
import TestSupport
import Testing

@testable import ApolloIOClient

/// The process's own copy in front of the shared response cache (two "processes" over one shared store).
@Suite struct LayeredCacheTests {
    @Test func aHotKeyIsReadFromTheSharedStoreOnce_untilItsLocalCopyLapses() async throws {
        let clock = DrivenClock()
        let shared = HeldStore(clock: clock)
        let (writer, reader) = (
            LayeredResponseCacheStore(shared: shared, localSeconds: 5, clock: clock),
            LayeredResponseCacheStore(shared: shared, localSeconds: 5, clock: clock)
        )
        let first = CachedResponse(body: Array("1".utf8), status: 200, storedAt: clock.now())
        try await writer.store("GET /stages", first, expiresAt: clock.now() + 300)
        for _ in 0..<10 { #expect(try await reader.entry("GET /stages") == first) }
        #expect(await shared.reads == 1, "ten reads, one round trip")
        #expect(try await writer.entry("GET /stages") == first)
        #expect(await shared.reads == 1, "the writer has its own copy")

        // Another process stores a newer answer: this one sees it once its copy lapses, not before.
        let second = CachedResponse(body: Array("2".utf8), status: 200, storedAt: clock.now())
        try await shared.store("GET /stages", second, expiresAt: clock.now() + 300)
        #expect(try await reader.entry("GET /stages") == first)
        await clock.advance(6)
        #expect(try await reader.entry("GET /stages") == second)
        #expect(try await reader.entry("GET /nothing") == nil)
    }
}

extension LayeredCacheTests {
    /// A shared store that counts its reads (the SQL one's round trips) and can hold them, as a slow round trip.
    actor HeldStore: ResponseCacheStore {
        let inner: InMemoryResponseCacheStore
        private(set) var reads = 0
        private var holding = false
        private var held: [CheckedContinuation<Void, Never>] = []
        init(clock: any ApolloClock) { inner = InMemoryResponseCacheStore(clock: clock) }
        func hold() { holding = true }
        func release() {
            holding = false
            for reader in held { reader.resume() }
            held = []
        }
        var waiting: Int { held.count }
        func entry(_ key: String) async throws -> CachedResponse? {
            reads += 1
            if holding { await withCheckedContinuation { held.append($0) } }
            return await inner.entry(key)
        }
        func store(_ key: String, _ response: CachedResponse, expiresAt: Double) async throws {
            await inner.store(key, response, expiresAt: expiresAt)
        }
    }

    @Test func aLapsedCopy_isRefreshedByOneCaller_whileTheOthersAnswerFromIt() async throws {
        let clock = DrivenClock()
        let shared = HeldStore(clock: clock)
        let reader = LayeredResponseCacheStore(shared: shared, localSeconds: 5, clock: clock)
        let first = CachedResponse(body: Array("1".utf8), status: 200, storedAt: clock.now())
        try await shared.store("GET /stages", first, expiresAt: clock.now() + 300)
        #expect(try await reader.entry("GET /stages") == first)
        let second = CachedResponse(body: Array("2".utf8), status: 200, storedAt: clock.now())
        try await shared.store("GET /stages", second, expiresAt: clock.now() + 300)
        await clock.advance(6)

        await shared.hold()
        let refresher = Task { try await reader.entry("GET /stages") }
        try await waitUntil { await shared.waiting == 1 }
        for _ in 0..<20 { #expect(try await reader.entry("GET /stages") == first, "the lapsed copy answers meanwhile") }
        #expect(await shared.reads == 2, "one refresh, not twenty-one")
        await shared.release()
        #expect(try await refresher.value == second)
        #expect(try await reader.entry("GET /stages") == second)
        #expect(await shared.reads == 2)

        // Past twice its lifetime a copy no longer stands in: the caller waits for the shared store.
        await clock.advance(11)
        #expect(try await reader.entry("GET /stages") == second)
        #expect(await shared.reads == 3)
    }
}

/// The decoded-answer memo reuses a value only for exactly the bytes it was decoded from.
@Suite struct DecodedAnswerMemoTests {
    @Test func aValueIsReused_onlyForTheSameBytesRouteAndType() {
        let memo = DecodedAnswerMemo()
        let bytes = Array(#"{"a":1}"#.utf8)
        memo.remember([1, 2, 3], route: "api/v1/opportunity_stages", bytes: bytes)
        #expect(memo.value([Int].self, route: "api/v1/opportunity_stages", bytes: bytes) == [1, 2, 3])
        #expect(memo.value([Int].self, route: "api/v1/opportunity_stages", bytes: Array(#"{"a":2}"#.utf8)) == nil, "another answer")
        #expect(memo.value([Int].self, route: "api/v1/users/search", bytes: bytes) == nil, "another route")
        #expect(memo.value([String].self, route: "api/v1/opportunity_stages", bytes: bytes) == nil, "another type")
    }
}
