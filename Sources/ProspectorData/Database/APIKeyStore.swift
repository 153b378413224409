import Crypto
import Fluent
import Foundation

/// Issues and checks keys for Prospector's own API.
public struct APIKeyStore: Sendable {
    private let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Creates a key and returns the row with the plaintext, which is never stored and cannot be shown again.
    public func create(name: String, scopes: [String]) async throws -> (key: APIKey, plaintext: String) {
        let plaintext = "pk_" + Self.randomToken(length: 40)
        let key = APIKey(name: name, prefix: String(plaintext.prefix(12)), secretHash: Self.hash(plaintext), scopes: scopes)
        try await key.save(on: database)
        return (key, plaintext)
    }

    /// The active key matching a plaintext, or nil.
    public func verify(_ plaintext: String) async throws -> APIKey? {
        guard plaintext.hasPrefix("pk_"), plaintext.count > 12 else { return nil }
        guard let key = try await APIKey.query(on: database).filter(\.$prefix == String(plaintext.prefix(12))).first(),
            key.isActive, Self.constantTimeEquals(key.secretHash, Self.hash(plaintext))
        else { return nil }
        return key
    }

    /// Every key, newest first (revoked ones included).
    public func list() async throws -> [APIKey] {
        try await APIKey.query(on: database).sort(\.$createdAt, .descending).all()
    }

    /// Revokes a key; returns it, or nil when there is no such key. Revoking twice keeps the first time.
    public func revoke(id: UUID) async throws -> APIKey? {
        guard let key = try await APIKey.find(id, on: database) else { return nil }
        if key.revokedAt == nil {
            key.revokedAt = Date()
            try await key.save(on: database)
        }
        return key
    }

    /// Whether any active key holds the admin scope.
    public func hasActiveAdmin() async throws -> Bool {
        try await APIKey.query(on: database).filter(\.$revokedAt == nil).all().contains { $0.scopes.contains("admin") }
    }

    /// The stored form of a secret: its SHA-256, hex (API keys, reveal callback tokens).
    public static func hash(_ plaintext: String) -> String {
        SHA256.hash(data: Data(plaintext.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A random secret of letters and digits (about 5.95 bits a character).
    public static func randomToken(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
