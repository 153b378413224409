import Crypto
import Foundation

/// The secret in a reveal's callback URL: 32 random bytes, base64url. Apollo signs nothing it sends (CONTRACT §12.3),
/// so knowing the URL is what authenticates a delivery; only the token's SHA-256 is stored.
public enum CallbackToken {
    /// A new token and the hash to store for it.
    public static func generate() -> (token: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    /// The stored form of a token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
