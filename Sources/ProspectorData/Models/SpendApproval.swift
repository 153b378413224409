import Fluent
import Foundation

/// A credit-spending request held above the approval threshold until an admin approves or rejects it: the job it
/// would enqueue is kept here, and enqueued only on approval.
public final class SpendApproval: Model, @unchecked Sendable {
    public static let schema = "spend_approvals"

    /// Where a request stands; only `awaitingApproval` can change.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case awaitingApproval = "awaiting_approval"
        case approved, rejected, expired
    }

    @ID(key: .id) public var id: UUID?
    /// What would run, e.g. `enrich.people`.
    @Field(key: "job_kind") public var jobKind: String
    @Field(key: "queue") public var queue: String
    /// The job's payload, enqueued as it is on approval.
    @Field(key: "payload") public var payload: String
    @Field(key: "people") public var people: Int
    @Field(key: "worst_case_credits") public var worstCaseCredits: Double
    @OptionalField(key: "requested_by") public var requestedBy: String?
    @Enum(key: "status") public var status: Status
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "decided_by") public var decidedBy: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "job_id") public var jobID: Int64?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        jobKind: String, queue: String, payload: String, people: Int, worstCaseCredits: Double, requestedBy: String?, expiresAt: Date
    ) {
        self.jobKind = jobKind
        self.queue = queue
        self.payload = payload
        self.people = people
        self.worstCaseCredits = worstCaseCredits
        self.requestedBy = requestedBy
        self.status = .awaitingApproval
        self.expiresAt = expiresAt
    }
}
