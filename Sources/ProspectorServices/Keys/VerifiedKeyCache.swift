import Crypto
import Foundation
import ProspectorData
import Synchronization

/// Keys this process verified a moment ago, so that an API request does not read `api_keys` every time (the HTTP
/// benchmark: that read was half of an authenticated cached read's database round trips). Entries live
/// ``lifetime`` (five seconds); a revocation made in this process empties the cache at once, one made by another process reaches
/// this one within the lifetime (and the one read that confirms it). Entries are keyed by the token's SHA-256, never
/// by the token.
///
/// When an entry lapses, the first caller reads the key again while the others go on with the lapsed entry: every
/// caller reading it at once made a burst of reads every five seconds under load, the p99 of authenticated reads at
/// 128 connections (the HTTP benchmark). A lapsed entry stands in for at most one more lifetime.
final class VerifiedKeyCache: Sendable {
    static let shared = VerifiedKeyCache()
    static let defaultLifetime: Duration = .seconds(5)
    private static let capacity = 10_000

    let lifetime: Duration
    private let now: @Sendable () -> ContinuousClock.Instant

    init(lifetime: Duration = VerifiedKeyCache.defaultLifetime, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.now = now
    }

    private struct Entry {
        var key: APIKey
        var until: ContinuousClock.Instant
        var refreshingSince: ContinuousClock.Instant?
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])

    /// The key of `token` while its entry lasts, or while another caller is reading it again; nil tells this caller to
    /// read it (and ``remember(_:for:)`` or ``forget(_:)`` the answer).
    func key(for token: String) -> APIKey? {
        let digest = Self.digest(token)
        let now = now()
        return entries.withLock { entries in
            guard var entry = entries[digest] else { return nil }
            if now < entry.until { return entry.key }
            guard now < entry.until + lifetime else {
                entries[digest] = nil
                return nil
            }
            if let since = entry.refreshingSince, now < since + lifetime { return entry.key }
            entry.refreshingSince = now
            entries[digest] = entry
            return nil
        }
    }

    func remember(_ key: APIKey, for token: String) {
        let digest = Self.digest(token)
        let until = now() + lifetime
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = Entry(key: key, until: until)
        }
    }

    /// A token found unknown or revoked: its lapsed entry must not stand in any longer.
    func forget(_ token: String) {
        let digest = Self.digest(token)
        _ = entries.withLock { $0.removeValue(forKey: digest) }
    }

    func forgetAll() { entries.withLock { $0.removeAll() } }

    /// The digest's bytes are the key: hex-encoding them with `String(format:)` was a tenth of a cached read's CPU.
    private static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }
}
