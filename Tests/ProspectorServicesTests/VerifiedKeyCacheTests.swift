import Foundation
import ProspectorData
import Synchronization
import Testing

@testable import ProspectorServices

/// The process's short-lived cache of verified API keys, on a clock the test moves.
@Suite struct VerifiedKeyCacheTests {
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ seconds: Int) { instant.withLock { $0 += .seconds(seconds) } }
    }

    @Test func aLapsedKey_isReadAgainByOneCaller_whileTheOthersGoOnWithIt() {
        let clock = ManualClock()
        let cache = VerifiedKeyCache(lifetime: .seconds(5), now: { clock.now })
        let key = APIKey()
        key.id = UUID()
        #expect(cache.key(for: "pk_token") == nil, "never verified: read it")
        cache.remember(key, for: "pk_token")
        #expect(cache.key(for: "pk_token")?.id == key.id)

        clock.advance(6)
        #expect(cache.key(for: "pk_token") == nil, "lapsed: the first caller reads it again")
        for _ in 0..<10 { #expect(cache.key(for: "pk_token")?.id == key.id, "the others go on meanwhile") }
        cache.remember(key, for: "pk_token")
        #expect(cache.key(for: "pk_token")?.id == key.id)

        // The read found it revoked: nobody goes on with it.
        clock.advance(6)
        #expect(cache.key(for: "pk_token") == nil)
        cache.forget("pk_token")
        #expect(cache.key(for: "pk_token") == nil)
        #expect(cache.key(for: "pk_token") == nil)

        // A reader that never came back: after another lifetime the next caller reads it; past two lifetimes it is gone.
        cache.remember(key, for: "pk_token")
        clock.advance(6)
        #expect(cache.key(for: "pk_token") == nil)
        #expect(cache.key(for: "pk_token") != nil)
        clock.advance(5)
        #expect(cache.key(for: "pk_token") == nil, "past two lifetimes")
        #expect(cache.key(for: "pk_token") == nil)
    }
}
