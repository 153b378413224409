import Foundation
import ProspectorData

/// The secret in a reveal's callback URL: 43 random letters and digits (256 bits), made and hashed as API keys are.
/// Apollo signs nothing it sends (CONTRACT §12.3), so knowing the URL is what authenticates a delivery; only the
/// token's SHA-256 is stored.
public enum CallbackToken {
    /// A new token and the hash to store for it.
    public static func generate() -> (token: String, hash: String) {
        let token = APIKeyStore.randomToken(length: 43)
        return (token, hash(token))
    }

    /// The stored form of a token.
    public static func hash(_ token: String) -> String { APIKeyStore.hash(token) }
}
