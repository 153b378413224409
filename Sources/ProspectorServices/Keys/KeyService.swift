import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// Keys for Prospector's own API: created (the secret is returned once), listed, revoked; every change audited.
public struct KeyService: Sendable {
    let database: any Database
    let audit: AuditService

    public init(database: any Database, audit: AuditService = AuditService()) {
        self.database = database
        self.audit = audit
    }

    /// Creates a key with `scopes` and returns it with its plaintext, which is never stored.
    public func create(name: String, scopes: Set<APIScope>, actor: AuditActor) async throws -> (key: APIKey, plaintext: String) {
        try await database.safeTransaction { [audit] transaction in
            let created = try await APIKeyStore(database: transaction).create(name: name, scopes: scopes.map(\.rawValue).sorted())
            try await audit.record(
                "api_key.created", entityType: "api_key", entityID: try created.key.requireID().uuidString, actor: actor,
                on: transaction)
            return created
        }
    }

    /// Every key, newest first (revoked ones included).
    public func list() async throws -> [APIKey] {
        try await APIKeyStore(database: database).list()
    }

    /// Revokes a key (revoking twice keeps the first time); ``ServiceError/notFound(_:)`` when there is none.
    public func revoke(_ id: UUID, actor: AuditActor) async throws -> APIKey {
        let key = try await database.safeTransaction { [audit] transaction in
            guard let key = try await APIKeyStore(database: transaction).revoke(id: id) else { throw ServiceError.notFound("no API key \(id)") }
            try await audit.record("api_key.revoked", entityType: "api_key", entityID: id.uuidString, actor: actor, on: transaction)
            return key
        }
        VerifiedKeyCache.shared.forgetAll()
        return key
    }

    /// The key of `plaintext` when this process verified it a moment ago (no database read); nil means "ask
    /// ``verifyNow(_:)``", not "unknown".
    public func recentlyVerified(_ plaintext: String) -> APIKey? {
        VerifiedKeyCache.shared.key(for: plaintext)
    }

    /// The key matching a plaintext, if it is active: from this process's short-lived cache (``VerifiedKeyCache``), or
    /// read and checked.
    public func verify(_ plaintext: String) async throws -> APIKey? {
        if let key = recentlyVerified(plaintext) { return key }
        return try await verifyNow(plaintext)
    }

    /// The key matching a plaintext, read and checked now (and remembered for the next requests).
    public func verifyNow(_ plaintext: String) async throws -> APIKey? {
        guard let key = try await APIKeyStore(database: database).verify(plaintext) else {
            VerifiedKeyCache.shared.forget(plaintext)
            return nil
        }
        VerifiedKeyCache.shared.remember(key, for: plaintext)
        return key
    }

    /// On a database with no active admin key, creates one and returns its plaintext (the first start); else nil.
    public func issueFirstAdminKey() async throws -> String? {
        let store = APIKeyStore(database: database)
        guard try await !store.hasActiveAdmin() else { return nil }
        return try await store.create(name: "admin (first start)", scopes: APIScope.allCases.map(\.rawValue)).plaintext
    }
}
