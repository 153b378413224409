import Foundation

/// The stored result of an asynchronous enrichment, from `GET /webhook_result/{request_id}` (CONTRACT §12.3).
public struct WebhookResult: Sendable, Hashable, Decodable {
    public var requestId: RequestID
    public var webhookStatus: String?
    public var requestType: String?
    public var lastDispatchedAt: Date?
    public var failureReason: String?
    public var webhookResult: PhoneRevealPayload?
}

/// The body Apollo posts to a `webhook_url` after a phone reveal or a waterfall enrichment (CONTRACT §12.3).
///
/// Both shapes carry `people[].phone_numbers`; a waterfall adds `people[].emails`, `target_fields` and `request_id`.
public struct PhoneRevealPayload: Sendable, Hashable, Codable {
    public var status: String?
    public var requestId: RequestID?
    public var targetFields: [String]?
    public var totalRequestedEnrichments: Int?
    public var uniqueEnrichedRecords: Int?
    public var missingRecords: Int?
    public var creditsConsumed: Decimal?
    public var people: [RevealedPerson]?

    public init(status: String? = nil, requestId: RequestID? = nil, creditsConsumed: Decimal? = nil, people: [RevealedPerson]? = nil) {
        self.status = status
        self.requestId = requestId
        self.creditsConsumed = creditsConsumed
        self.people = people
    }

    /// One person's revealed phones (and, from a waterfall, emails); the webhook uses `*_cd` field names.
    public struct RevealedPerson: Sendable, Hashable, Codable {
        public var id: String
        public var status: String?
        public var phoneNumbers: [RevealedPhone]?
        public var emails: [RevealedEmail]?
    }

    /// An email a waterfall found.
    public struct RevealedEmail: Sendable, Hashable, Codable {
        public var email: String?
        public var emailStatusCd: String?
    }

    /// A phone number as the webhook sends it.
    public struct RevealedPhone: Sendable, Hashable, Codable {
        public var rawNumber: String?
        public var sanitizedNumber: String?
        public var typeCd: String?
        public var statusCd: String?
        public var confidenceCd: String?
    }
}
