import Fluent
import Foundation

/// Credits one Apollo call charged (or reserved), and who caused it.
public final class CreditLedgerEntry: Model, @unchecked Sendable {
    public static let schema = "credit_ledger_entries"

    @ID(key: .id) public var id: UUID?

    @Field(key: "occurred_at") public var occurredAt: Date
    @Field(key: "endpoint") public var endpoint: String
    @Field(key: "records") public var records: Int
    @Field(key: "credits") public var credits: Double
    /// The credit pool: `lead_credit`, `direct_dial_credit`, …
    @Field(key: "pool") public var pool: String
    @OptionalField(key: "api_key_id") public var apiKeyID: UUID?
    @OptionalField(key: "job_id") public var jobID: Int64?
    /// When Apollo's charge replaced the reservation; nil while a call is in flight, or for good when its outcome is
    /// unknown (its answer was lost or its process died): then `credits` stays at the worst case.
    @OptionalField(key: "settled_at") public var settledAt: Date?

    public init() {}

    public init(
        occurredAt: Date = Date(), endpoint: String, records: Int, credits: Double, pool: String = "lead_credit",
        apiKeyID: UUID? = nil, jobID: Int64? = nil
    ) {
        self.occurredAt = occurredAt
        self.endpoint = endpoint
        self.records = records
        self.credits = credits
        self.pool = pool
        self.apiKeyID = apiKeyID
        self.jobID = jobID
    }
}
