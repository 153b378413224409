import Fluent
import Foundation

/// A secret the server made for itself when none was configured (the suppression list's hashing key), shared by
/// every process on the database.
public final class ServerSecret: Model, @unchecked Sendable {
    public static let schema = "server_secrets"

    @ID(custom: "name", generatedBy: .user) public var id: String?
    /// Base64 of the secret's bytes.
    @Field(key: "value") public var value: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(name: String, value: String) {
        self.id = name
        self.value = value
    }
}
