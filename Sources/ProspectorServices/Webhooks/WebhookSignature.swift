import Crypto
import Foundation

/// How deliveries are signed, and how a receiver checks them (documented in docs/sync.md).
///
/// `Prospector-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with `Prospector-Timestamp: <unix
/// seconds>`. A receiver recomputes the signature over the raw body, compares in constant time, and rejects a
/// timestamp older than its tolerance (five minutes by default) so that a captured delivery cannot be replayed.
public enum WebhookSignature {
    public static let signatureHeader = "Prospector-Signature"
    public static let timestampHeader = "Prospector-Timestamp"
    public static let eventHeader = "Prospector-Event-Id"

    public static func sign(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let message = Array("\(timestamp).".utf8) + body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return "v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a delivery is authentic and fresh.
    public static func verify(
        secret: String, signature: String, timestamp: String, body: [UInt8], now: Date = Date(),
        tolerance: TimeInterval = 300
    ) -> Bool {
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { return false }
        let expected = Array(sign(secret: secret, timestamp: seconds, body: body).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new random secret (`whsec_` + 32 characters).
    public static func newSecret() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
