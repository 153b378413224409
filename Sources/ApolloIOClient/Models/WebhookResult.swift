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

/// The body Apollo posts to a `webhook_url` after a phone reveal.
public struct PhoneRevealPayload: Sendable, Hashable, Codable {
    public var status: String?
    public var totalRequestedEnrichments: Int?
    public var uniqueEnrichedRecords: Int?
    public var missingRecords: Int?
    public var creditsConsumed: Decimal?
    public var people: [RevealedPerson]?

    /// One person's revealed phones; the webhook uses `*_cd` field names.
    public struct RevealedPerson: Sendable, Hashable, Codable {
        public var id: String
        public var status: String?
        public var phoneNumbers: [RevealedPhone]?
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
