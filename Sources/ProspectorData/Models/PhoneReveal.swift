import Fluent
import Foundation

/// One asynchronous enrichment asked of Apollo (a phone reveal or a waterfall): the callback it is waiting for, the
/// Apollo request id it answers to, the people it covers and the credits set aside for it (CONTRACT §12.3).
public final class PhoneReveal: Model, @unchecked Sendable {
    public static let schema = "phone_reveals"

    /// What the request asks Apollo for.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Apollo's native phone reveal (`reveal_phone_number`).
        case phone
        /// A waterfall over Apollo's vendors for phones, for emails, or for both.
        case waterfallPhone = "waterfall_phone"
        case waterfallEmail = "waterfall_email"
        case waterfall

        public var wantsPhones: Bool { self != .waterfallEmail }
        public var wantsEmails: Bool { self == .waterfallEmail || self == .waterfall }
        public var isWaterfall: Bool { self != .phone }
    }

    /// Where a reveal stands: `requesting` until Apollo accepted it, `pending` until the result arrived.
    public enum Status: String, Codable, Sendable { case requesting, pending, completed, failed }

    /// How the result arrived.
    public enum Delivery: String, Codable, Sendable { case callback, poll }

    @ID(key: .id) public var id: UUID?
    /// SHA-256 of the secret in the callback URL; the secret itself is never stored.
    @Field(key: "token_hash") public var tokenHash: String
    @Enum(key: "kind") public var kind: Kind
    @Enum(key: "status") public var status: Status
    @OptionalField(key: "apollo_request_id") public var apolloRequestID: Int64?
    /// The contacts asked about, in request order.
    @Field(key: "contact_ids") public var contactIDs: [UUID]
    /// Apollo person id → our contact, learnt from the synchronous answer.
    @Field(key: "targets") public var targets: [String: UUID]
    @OptionalField(key: "api_key_id") public var apiKeyID: String?
    @OptionalField(key: "reservation_id") public var reservationID: String?
    @Field(key: "credits_reserved") public var creditsReserved: Double
    @OptionalField(key: "credits_consumed") public var creditsConsumed: Double?
    @OptionalEnum(key: "delivered_via") public var deliveredVia: Delivery?
    @Field(key: "phones_found") public var phonesFound: Int
    @Field(key: "emails_found") public var emailsFound: Int
    @OptionalField(key: "failure_reason") public var failureReason: String?
    @OptionalField(key: "result_json") public var resultJSON: String?
    @Field(key: "poll_attempts") public var pollAttempts: Int
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID = UUID(), tokenHash: String, kind: Kind, contactIDs: [UUID], apiKeyID: String?) {
        self.id = id
        self.tokenHash = tokenHash
        self.kind = kind
        self.status = .requesting
        self.contactIDs = contactIDs
        self.targets = [:]
        self.apiKeyID = apiKeyID
        self.creditsReserved = 0
        self.phonesFound = 0
        self.emailsFound = 0
        self.pollAttempts = 0
    }
}
