import ApolloIOClient
import Crypto
import FluentKit
import Foundation
import ProspectorData

/// A signed-in dashboard browser: the key it acts as and the CSRF token its forms must carry.
public struct DashboardSignIn: Sendable {
    public var key: APIKey
    public var csrfToken: String
    public var expiresAt: Date
}

/// Dashboard sign-in with an API key: a random session token for the cookie (only its digest is stored), a CSRF
/// token per session, expiry, and sign-out. A revoked key ends its sessions at their next request.
public struct DashboardSessions: Sendable {
    let database: any Database
    let lifetimeSeconds: Double
    let clock: any ApolloClock
    let audit = AuditService()

    public init(database: any Database, lifetimeSeconds: Double, clock: any ApolloClock) {
        self.database = database
        self.lifetimeSeconds = lifetimeSeconds
        self.clock = clock
    }

    /// Signs in with an API key's plaintext: the session token to set as the cookie, or nil for an unknown or revoked
    /// key. Expired sessions are removed on the way.
    public func signIn(apiKey plaintext: String, requestID: String) async throws -> (token: String, signIn: DashboardSignIn)? {
        guard let key = try await KeyService(database: database).verify(plaintext), let keyID = key.id else { return nil }
        let now = Date(timeIntervalSince1970: clock.now())
        try await DashboardSession.query(on: database).filter(\.$expiresAt < now).delete()
        let token = Self.randomToken()
        let session = DashboardSession(
            tokenDigest: Self.digest(token), apiKeyID: keyID, csrfToken: Self.randomToken(), expiresAt: now.addingTimeInterval(lifetimeSeconds))
        try await session.create(on: database)
        try await audit.record(
            "dashboard.signed_in", entityType: "api_key", entityID: keyID.uuidString, actor: .apiKey(keyID.uuidString, requestID: requestID),
            on: database)
        return (token, DashboardSignIn(key: key, csrfToken: session.csrfToken, expiresAt: session.expiresAt))
    }

    /// The sign-in a cookie's token stands for, while it has not expired and its key is active.
    public func current(token: String) async throws -> DashboardSignIn? {
        guard
            let session = try await DashboardSession.query(on: database).filter(\.$tokenDigest == Self.digest(token)).with(\.$apiKey).first(),
            session.expiresAt > Date(timeIntervalSince1970: clock.now()), session.apiKey.isActive
        else { return nil }
        return DashboardSignIn(key: session.apiKey, csrfToken: session.csrfToken, expiresAt: session.expiresAt)
    }

    /// Ends the session of a cookie's token (nothing when there is none).
    public func signOut(token: String) async throws {
        try await DashboardSession.query(on: database).filter(\.$tokenDigest == Self.digest(token)).delete()
    }

    /// 32 random bytes, URL-safe base64 without padding.
    public static func randomToken() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two tokens in time that does not depend on where they differ.
    public static func sameToken(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
