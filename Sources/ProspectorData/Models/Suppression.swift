import Fluent
import Foundation

/// Someone Prospector must not process: an email address, a whole domain, or an Apollo record (person or contact id,
/// recorded by an erasure). Only a keyed hash of the value is stored, so the list itself holds no personal data.
public final class Suppression: Model, @unchecked Sendable {
    public static let schema = "suppressions"

    /// What the hashed value is.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case email, domain
        /// An Apollo person or contact id (an erased person's records).
        case apolloID = "apollo_id"
    }

    /// Why the entry exists.
    public enum Reason: String, Codable, Sendable {
        /// Added by an operator (`POST /api/suppressions`).
        case request
        /// Added by the erasure of a contact.
        case erasure
    }

    @ID(key: .id) public var id: UUID?
    @Enum(key: "kind") public var kind: Kind
    /// HMAC-SHA256 of the normalized value, hex.
    @Field(key: "digest") public var digest: String
    @Enum(key: "reason") public var reason: Reason
    @OptionalField(key: "created_by") public var createdBy: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, kind: Kind, digest: String, reason: Reason, createdBy: String?) {
        self.id = id
        self.kind = kind
        self.digest = digest
        self.reason = reason
        self.createdBy = createdBy
    }
}
