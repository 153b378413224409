import ApolloIOClient
import OpenAPIKit
import ProspectorData
import ProspectorServices

/// The schemas of erasure, subject export, the suppression list, spend approvals and bulk estimates.
enum OpenAPIDataProtectionComponents {
    /// An email address and a domain as the suppression routes take them.
    static let email = Schema.string(min: 3, max: 320, pattern: EmailAddressNormalizer.plausiblePattern)
    static let domain = Schema.string(min: 3, max: 253, pattern: DomainName.plainPattern)

    static var schemas: [(String, JSONSchema)] {
        let uuid = Schema.string(format: .uuid)
        let dateTime = Schema.string(format: .dateTime)
        let count = Schema.integer(min: 0)
        let credits = Schema.number()
        return [
            (
                "EnrichmentEstimate",
                Schema.object(
                    [
                        ("requested", count), ("unique", count), ("unidentifiable", count), ("suppressed", count), ("knownFromMemory", count),
                        ("newRecords", count), ("worstCaseCredits", credits), ("apolloCalls", count), ("estimatedSeconds", Schema.number()),
                    ],
                    required: [
                        "requested", "unique", "unidentifiable", "suppressed", "knownFromMemory", "newRecords", "worstCaseCredits", "apolloCalls",
                        "estimatedSeconds",
                    ])
            ),
            (
                "SuppressionRequest",
                .one(of: [
                    // Closed objects: exactly one of the two, nothing beside it.
                    Schema.object([("email", Self.email)], required: ["email"], closed: true),
                    Schema.object([("domain", Self.domain)], required: ["domain"], closed: true),
                ])
            ),
            (
                "Suppression",
                Schema.object(
                    [
                        ("id", uuid), ("kind", Schema.string(enumeration: Suppression.Kind.allCases.map(\.rawValue))),
                        ("reason", Schema.string(enumeration: ["request", "erasure"])), ("createdBy", Schema.string()), ("createdAt", dateTime),
                    ], required: ["id", "kind", "reason"])
            ),
            (
                "SuppressionCreated",
                Schema.object([("suppression", Schema.ref("Suppression")), ("existing", Schema.boolean())], required: ["suppression", "existing"])
            ),
            (
                "SuppressionsResponse",
                Schema.object([("suppressions", Schema.array(Schema.ref("Suppression"))), ("nextCursor", uuid)], required: ["suppressions"])
            ),
            (
                "SpendApproval",
                Schema.object(
                    [
                        ("id", uuid), ("status", Schema.string(enumeration: SpendApproval.Status.allCases.map(\.rawValue))),
                        ("jobKind", Schema.string()), ("queue", Schema.string()), ("people", count), ("worstCaseCredits", credits),
                        ("requestedBy", Schema.string()), ("expiresAt", dateTime), ("decidedBy", Schema.string()), ("decidedAt", dateTime),
                        ("jobId", Schema.integer()), ("createdAt", dateTime),
                    ], required: ["id", "status", "jobKind", "queue", "people", "worstCaseCredits", "expiresAt"])
            ),
            ("SpendApprovalResponse", Schema.object([("approval", Schema.ref("SpendApproval"))], required: ["approval"])),
            ("SpendApprovalsResponse", Schema.object([("approvals", Schema.array(Schema.ref("SpendApproval")))], required: ["approvals"])),
            (
                "Erasure",
                Schema.object(
                    [
                        ("erased", Schema.boolean()), ("contactId", uuid), ("rowsChanged", Schema.object([], additional: count)),
                        ("suppressed", count), ("apolloCleared", Schema.boolean()),
                    ], required: ["erased", "rowsChanged", "suppressed", "apolloCleared"])
            ),
            (
                "SubjectExport",
                Schema.object(
                    [
                        ("exportedAt", dateTime), ("contact", Schema.object([("id", uuid)])), ("apolloRecord", Schema.any),
                        ("enrichmentHistory", Schema.array(Schema.any)), ("reveals", Schema.array(Schema.any)), ("deals", Schema.array(Schema.any)),
                        ("sequences", Schema.array(Schema.any)), ("tasks", Schema.array(Schema.any)), ("auditTrail", Schema.array(Schema.any)),
                    ],
                    required: ["exportedAt", "contact", "enrichmentHistory", "reveals", "deals", "sequences", "tasks", "auditTrail"])
            ),
        ]
    }
}
