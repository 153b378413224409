import Crypto
import FluentKit
import Foundation
import ProspectorData

/// The suppression list's HMAC key: from `SUPPRESSION_SECRET` when configured (keep it outside the database, so a
/// copy of the database alone cannot test values against the list), else made once and kept in `server_secrets`.
public enum SuppressionKey {
    static let name = "suppression_hmac_key"

    /// The key's bytes for this deployment.
    public static func load(configured secret: String?, on database: any Database) async throws -> Data {
        if let secret { return Data(SHA256.hash(data: Data(secret.utf8))) }
        if let stored = try await ServerSecret.find(name, on: database), let bytes = Data(base64Encoded: stored.value) { return bytes }
        let fresh = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
        do {
            try await ServerSecret(name: name, value: fresh.base64EncodedString()).create(on: database)
            return fresh
        } catch {
            // Another process made it first: theirs is the one.
            guard let stored = try await ServerSecret.find(name, on: database), let bytes = Data(base64Encoded: stored.value) else { throw error }
            return bytes
        }
    }
}
