import Fluent
import ProspectorData
import TestSupport
import Testing

/// API keys on the engine of this run (SQLite or PostgreSQL).
@Suite struct APIKeyStoreTests {
    @Test func create_storesOnlyAHash_verifyAcceptsTheKeyAndRejectsOthers() async throws {
        try await TestDatabase.withDatabase { database in
            let store = APIKeyStore(database: database)
            #expect(try await store.hasActiveAdmin() == false)
            let (key, plaintext) = try await store.create(name: "ops", scopes: ["read", "admin"])
            #expect(plaintext.hasPrefix("pk_"))
            let stored = try #require(try await APIKey.find(key.id, on: database))
            #expect(stored.secretHash != plaintext && stored.secretHash.count == 64)
            #expect(stored.scopes == ["read", "admin"])
            #expect(try await store.verify(plaintext)?.id == key.id)
            #expect(try await store.verify(plaintext + "x") == nil)
            #expect(try await store.verify("pk_wrong") == nil)
            #expect(try await store.hasActiveAdmin())
            stored.revokedAt = .now
            try await stored.save(on: database)
            #expect(try await store.verify(plaintext) == nil)
            #expect(try await store.hasActiveAdmin() == false)
        }
    }
}
