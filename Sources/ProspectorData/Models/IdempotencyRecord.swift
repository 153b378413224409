import Fluent
import Foundation

/// The first response to a POST sent with an `Idempotency-Key`, replayed for repeats of the same request.
public final class IdempotencyRecord: Model, @unchecked Sendable {
    public static let schema = "idempotency_records"

    @ID(key: .id) public var id: UUID?

    @Field(key: "api_key_id") public var apiKeyID: UUID
    @Field(key: "key") public var key: String
    /// SHA-256 of method, path and body: the same key with another request is a conflict.
    @Field(key: "request_hash") public var requestHash: String
    /// 0 while the first request runs.
    @Field(key: "status") public var status: Int
    @OptionalField(key: "body") public var body: Data?
    @OptionalField(key: "content_type") public var contentType: String?
    @OptionalField(key: "location") public var location: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(apiKeyID: UUID, key: String, requestHash: String, createdAt: Date = Date()) {
        self.apiKeyID = apiKeyID
        self.key = key
        self.requestHash = requestHash
        self.status = 0
        self.createdAt = createdAt
    }
}
