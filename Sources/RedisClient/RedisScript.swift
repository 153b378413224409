import Crypto
import Foundation

/// A Lua script, called by its SHA-1 (`EVALSHA`) and sent whole when the server does not have it.
public struct RedisScript: Sendable, Equatable {
    public let source: String
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Data(source.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
