import Fluent
import Foundation

/// A key for Prospector's own API. Only a SHA-256 hash of the secret is stored; the prefix finds the row.
public final class APIKey: Model, @unchecked Sendable {
    public static let schema = "api_keys"

    @ID(key: .id) public var id: UUID?

    @Field(key: "name") public var name: String
    /// The first characters of the key, shown in listings and used to look the key up.
    @Field(key: "prefix") public var prefix: String
    @Field(key: "secret_hash") public var secretHash: String
    @Field(key: "scopes") public var scopes: [String]

    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, prefix: String, secretHash: String, scopes: [String]) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.secretHash = secretHash
        self.scopes = scopes
    }

    /// Whether the key may still be used.
    public var isActive: Bool { revokedAt == nil }
}
