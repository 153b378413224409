import Fluent
import Foundation

/// A signed-in dashboard browser: the cookie holds a random token, this row only its digest, with the API key it
/// acts as and the CSRF token its forms carry.
public final class DashboardSession: Model, @unchecked Sendable {
    public static let schema = "dashboard_sessions"

    @ID(key: .id) public var id: UUID?
    /// SHA-256 of the cookie's token, hex; a stolen database does not sign anyone in.
    @Field(key: "token_digest") public var tokenDigest: String
    @Parent(key: "api_key_id") public var apiKey: APIKey
    /// The synchronizer token every form of this session posts back.
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "expires_at") public var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(tokenDigest: String, apiKeyID: UUID, csrfToken: String, expiresAt: Date) {
        self.tokenDigest = tokenDigest
        self.$apiKey.id = apiKeyID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
