import Crypto
import Foundation
import ProspectorData
import Synchronization

/// Keys this process verified a moment ago, so that an API request does not read `api_keys` every time (the HTTP
/// benchmark: that read was half of an authenticated cached read's database round trips). Entries live
/// ``lifetime``; a revocation made in this process empties the cache at once, one made by another process reaches
/// this one within ``lifetime``. Entries are keyed by the token's SHA-256, never by the token.
final class VerifiedKeyCache: Sendable {
    static let shared = VerifiedKeyCache()
    static let lifetime: Duration = .seconds(5)
    private static let capacity = 10_000

    private let entries = Mutex<[[UInt8]: (key: APIKey, until: ContinuousClock.Instant)]>([:])

    func key(for token: String) -> APIKey? {
        let digest = Self.digest(token)
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.until > .now else {
                entries[digest] = nil
                return nil
            }
            return entry.key
        }
    }

    func remember(_ key: APIKey, for token: String) {
        let digest = Self.digest(token)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = (key, .now + Self.lifetime)
        }
    }

    func forgetAll() { entries.withLock { $0.removeAll() } }

    /// The digest's bytes are the key: hex-encoding them with `String(format:)` was a tenth of a cached read's CPU.
    private static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }
}
