import ApolloIOClient
import Fluent
import Foundation

/// What we asked Apollo to enrich and what came back: the memory that lets us never pay twice.
public final class EnrichmentAttempt: Model, @unchecked Sendable {
    public static let schema = "enrichment_attempts"

    /// How an attempt ended.
    public enum Outcome: String, Codable, Sendable {
        case matched
        case noMatch = "no_match"
        case error
    }

    @ID(key: .id) public var id: UUID?

    /// `person` or `organization`.
    @Field(key: "subject") public var subject: String
    /// The normalized identity of the request, e.g. `email:ada@example.com`.
    @Field(key: "identity_key") public var identityKey: String
    @OptionalField(key: "request_json") public var requestJSON: String?
    @Enum(key: "outcome") public var outcome: Outcome
    @OptionalField(key: "apollo_id") public var apolloID: String?
    @Field(key: "credits_charged") public var creditsCharged: Double
    @OptionalField(key: "error") public var error: String?
    /// The matched person as JSON, answered locally while fresh.
    @OptionalField(key: "result_json") public var resultJSON: String?
    @Field(key: "attempted_at") public var attemptedAt: Date
    /// The Apollo route that answered (`api/v1/people/match`, `api/v1/people/bulk_match`); nil before it was kept.
    @OptionalField(key: "endpoint") public var endpoint: String?

    public init() {}

    public init(
        subject: String, identityKey: String, requestJSON: String? = nil, outcome: Outcome, apolloID: String? = nil,
        creditsCharged: Double, error: String? = nil, attemptedAt: Date = Date()
    ) {
        self.subject = subject
        self.identityKey = identityKey
        self.requestJSON = requestJSON
        self.outcome = outcome
        self.apolloID = apolloID
        self.creditsCharged = creditsCharged
        self.error = error
        self.attemptedAt = attemptedAt
    }
}
