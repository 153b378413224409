import ApolloIOClient
import Foundation
import ProspectorData
import ProspectorServices
import Vapor

/// `POST /api/suppressions`: exactly one of an email address or a domain, and nothing else (a member we do not know
/// could be a value meant to be suppressed, misspelt).
struct SuppressionBody: RequestBody {
    var email: String?
    var domain: String?

    private enum Member: String, CodingKey { case email, domain }

    private struct AnyMember: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        for key in try decoder.container(keyedBy: AnyMember.self).allKeys where Member(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "is not a member: give only email or domain"))
        }
        let container = try decoder.container(keyedBy: Member.self)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        domain = try container.decodeIfPresent(String.self, forKey: .domain)
    }

    func validate() throws(APIError) {
        switch (email, domain) {
        case (let email?, nil):
            guard EmailAddressNormalizer.isPlausible(email) else { throw .invalid("email", "must be an email address") }
        case (nil, let domain?):
            guard DomainName.isPlain(domain) else { throw .invalid("domain", "must be a domain name such as example.com") }
        default: throw .invalid("email", "give exactly one of email or domain")
        }
    }

    var entry: (Suppression.Kind, String) { email.map { (.email, $0) } ?? (.domain, domain ?? "") }
}

/// A suppression: its value is never shown (only its keyed hash is stored).
struct SuppressionDTO: Content {
    var id: UUID?
    var kind: String
    var reason: String
    var createdBy: String?
    var createdAt: Date?

    init(_ entry: Suppression) {
        id = entry.id
        kind = entry.kind.rawValue
        reason = entry.reason.rawValue
        createdBy = entry.createdBy
        createdAt = entry.createdAt
    }
}

struct SuppressionCreated: Content {
    var suppression: SuppressionDTO
    /// True when the value was already suppressed.
    var existing: Bool
}

struct SuppressionsResponse: Content {
    var suppressions: [SuppressionDTO]
    var nextCursor: String?
}

/// A request held for spend approval.
struct SpendApprovalDTO: Content {
    var id: UUID?
    var status: String
    var jobKind: String
    var queue: String
    var people: Int
    var worstCaseCredits: Double
    var requestedBy: String?
    var expiresAt: Date
    var decidedBy: String?
    var decidedAt: Date?
    /// The job enqueued on approval.
    var jobId: Int64?
    var createdAt: Date?

    init(_ approval: SpendApproval) {
        id = approval.id
        status = approval.status.rawValue
        jobKind = approval.jobKind
        queue = approval.queue
        people = approval.people
        worstCaseCredits = approval.worstCaseCredits
        requestedBy = approval.requestedBy
        expiresAt = approval.expiresAt
        decidedBy = approval.decidedBy
        decidedAt = approval.decidedAt
        jobId = approval.jobID
        createdAt = approval.createdAt
    }
}

struct SpendApprovalResponse: Content {
    var approval: SpendApprovalDTO
}

struct SpendApprovalsResponse: Content {
    var approvals: [SpendApprovalDTO]
}

/// What `DELETE /api/contacts/:id?erase=true` did.
struct ErasureResponse: Content {
    var erased: Bool
    var contactId: UUID?
    /// Rows rewritten or deleted, per `table.column`.
    var rowsChanged: [String: Int]
    var suppressed: Int
    var apolloCleared: Bool

    init(_ report: ErasureService.Report) {
        erased = true
        contactId = report.contactId
        rowsChanged = report.rowsChanged
        suppressed = report.suppressed
        apolloCleared = report.apolloCleared
    }
}

extension EnrichmentEstimate: Content {}
