import OpenAPIKit
import ProspectorData
import ProspectorServices

/// The schemas of our API's bodies, matching the DTOs (camelCase; absent optional fields are omitted).
enum OpenAPIComponents {
    private static let text = Schema.text()
    private static let texts = Schema.array(text, max: 100)
    private static let uuid = Schema.string(format: .uuid)
    private static let dateTime = Schema.string(format: .dateTime)
    private static let page = Schema.integer(min: 1, max: 500)
    private static let perPage = Schema.integer(min: 1, max: 100)

    static var schemas: [(String, JSONSchema)] {
        [
            (
                "Error",
                Schema.object(
                    [
                        (
                            "error",
                            Schema.object(
                                [
                                    ("code", Schema.string(enumeration: APIErrorCode.allCases.map(\.rawValue))), ("message", Schema.string()),
                                    ("requestId", Schema.string()), ("details", Schema.object([], additional: Schema.string())),
                                ], required: ["code", "message", "requestId"])
                        )
                    ], required: ["error"])
            ),
            (
                "Pagination",
                Schema.object(
                    [
                        ("page", Schema.integer()), ("perPage", Schema.integer()), ("totalEntries", Schema.integer()),
                        ("totalPages", Schema.integer()),
                    ], required: ["page", "perPage"])
            ),
            (
                "LeadSearchRequest",
                Schema.object([
                    ("domains", texts), ("titles", texts), ("seniorities", texts), ("locations", texts),
                    ("employeeRanges", texts), ("keywords", text), ("page", page), ("perPage", perPage),
                ])
            ),
            (
                "Lead",
                Schema.object(
                    [
                        ("id", Schema.string()), ("firstName", Schema.string()), ("lastNameObfuscated", Schema.string()),
                        ("title", Schema.string()), ("organizationName", Schema.string()), ("hasEmail", Schema.boolean()),
                    ], required: ["id"])
            ),
            (
                "LeadsResponse",
                Schema.object(
                    [("leads", Schema.array(Schema.ref("Lead"))), ("pagination", Schema.ref("Pagination"))],
                    required: ["leads", "pagination"])
            ),
            ("PersonInput", person(extra: [])),
            ("EnrichRequest", person(extra: [("revealPersonalEmails", Schema.boolean()), ("revealPhoneNumber", Schema.boolean())])),
            (
                "BulkEnrichRequest",
                Schema.object(
                    [
                        ("people", Schema.array(Schema.ref("PersonInput"), min: 1, max: 10_000)),
                        ("revealPersonalEmails", Schema.boolean()), ("dryRun", Schema.boolean()),
                    ], required: ["people"])
            ),
            (
                "Contact",
                Schema.object(
                    [
                        ("id", uuid), ("apolloId", Schema.string()), ("email", Schema.string()), ("name", Schema.string()),
                        ("firstName", Schema.string()),
                        ("lastName", Schema.string()),
                        ("title", Schema.string()), ("seniority", Schema.string()), ("departments", Schema.array(Schema.string())),
                        ("phoneNumbers", Schema.array(Schema.string())), ("revealedPhoneNumbers", Schema.array(Schema.string())),
                        ("linkedinUrl", Schema.string()),
                        ("organizationId", uuid), ("enrichedAt", dateTime), ("createdAt", dateTime), ("updatedAt", dateTime),
                        ("phone", Schema.string(nullable: true)), ("rawApolloData", Schema.any),
                    ], required: ["id", "departments", "phoneNumbers", "revealedPhoneNumbers", "phone"])
            ),
            ("ContactResponse", Schema.object([("contact", Schema.ref("Contact")), ("phoneReveal", Schema.ref("Reveal"))], required: ["contact"])),
            (
                "ContactsResponse",
                Schema.object([("contacts", Schema.array(Schema.ref("Contact"))), ("nextCursor", Schema.string())], required: ["contacts"])
            ),
            (
                "AcceptedJob",
                Schema.object(
                    [
                        ("jobId", Schema.integer()), ("queue", Schema.string()),
                        ("state", Schema.string(enumeration: ["available", "awaiting_approval"])),
                        ("people", Schema.integer()), ("approvalId", uuid), ("worstCaseCredits", Schema.number()),
                    ],
                    required: ["state", "people"])
            ),
            (
                "Organization",
                Schema.object([
                    ("id", uuid), ("apolloId", Schema.string()), ("name", Schema.string()), ("domain", Schema.string()),
                    ("industry", Schema.string()),
                    ("employeeCount", Schema.integer()), ("annualRevenue", Schema.number()), ("city", Schema.string()), ("state", Schema.string()),
                    ("country", Schema.string()), ("enrichedAt", dateTime), ("rawApolloData", Schema.any),
                ])
            ),
            ("OrganizationResponse", Schema.object([("organization", Schema.ref("Organization"))], required: ["organization"])),
            (
                "OrganizationSearchRequest",
                Schema.object([
                    ("name", text), ("domains", texts), ("locations", texts), ("employeeRanges", texts),
                    ("page", page), ("perPage", perPage),
                ])
            ),
            (
                "OrganizationsResponse",
                Schema.object(
                    [("organizations", Schema.array(Schema.ref("Organization"))), ("pagination", Schema.ref("Pagination"))],
                    required: ["organizations", "pagination"])
            ),
            (
                "CreateDealRequest",
                Schema.object(
                    [
                        ("name", text), ("amount", Schema.number(min: 0, exclusiveMax: 1e15)), ("ownerId", Schema.apolloID),
                        ("accountId", Schema.apolloID), ("contactIds", Schema.apolloIDs()), ("stageId", Schema.apolloID),
                    ], required: ["name", "amount", "ownerId"])
            ),
            ("CreatedDeal", Schema.object([("dealId", Schema.string()), ("name", Schema.string())], required: ["dealId", "name"])),
            (
                "UpdateDealRequest",
                .all(of: [
                    Schema.object([
                        ("name", text), ("amount", Schema.number(min: 0, exclusiveMax: 1e15)), ("stageId", Schema.apolloID),
                        ("ownerId", Schema.apolloID), ("closeDate", Schema.string(min: 10, max: 10, pattern: Check.datePattern)),
                    ]),
                    // At least one change, given (not null).
                    .any(
                        of: [
                            ("name", text), ("amount", Schema.number()), ("stageId", Schema.string()), ("ownerId", Schema.string()),
                            ("closeDate", Schema.string()),
                        ].map { name, schema in Schema.object([(name, schema)], required: [name]) }),
                ])
            ),
            (
                "Deal",
                Schema.object(
                    [
                        ("id", Schema.string()), ("name", Schema.string()), ("amount", Schema.number()), ("stage", Schema.string()),
                        ("owner", Schema.string()), ("stageId", Schema.string()), ("ownerId", Schema.string()), ("accountId", Schema.string()),
                        ("closeDate", Schema.string()),
                    ],
                    required: ["id", "name"])
            ),
            ("DealResponse", Schema.object([("deal", Schema.ref("Deal"))], required: ["deal"])),
            (
                "DealsResponse",
                Schema.object([("deals", Schema.array(Schema.ref("Deal"))), ("pagination", Schema.ref("Pagination"))], required: ["deals"])
            ),
            (
                "Stage",
                Schema.object(
                    [
                        ("id", Schema.string()), ("name", Schema.string()), ("order", Schema.number()), ("displayOrder", Schema.number()),
                        ("isWon", Schema.boolean()),
                        ("isClosed", Schema.boolean()), ("probability", Schema.number()),
                    ], required: ["id"])
            ),
            ("StagesResponse", Schema.object([("stages", Schema.array(Schema.ref("Stage")))], required: ["stages"])),
            (
                "Job",
                Schema.object(
                    [
                        ("id", Schema.integer()), ("queue", Schema.string()), ("kind", Schema.string()), ("name", Schema.string()),
                        ("jobId", Schema.string()), ("priority", Schema.integer()), ("state", Schema.string()), ("attempt", Schema.integer()),
                        ("maxAttempts", Schema.integer()), ("progress", Schema.any), ("result", Schema.any), ("lastError", Schema.string()),
                        ("runAt", dateTime), ("createdAt", dateTime), ("finishedAt", dateTime),
                        ("backend", Schema.string(enumeration: ["sql", "redis"])),
                    ], required: ["queue", "kind", "state", "attempt", "maxAttempts", "runAt", "createdAt", "backend"])
            ),
            ("JobResponse", Schema.object([("job", Schema.ref("Job"))], required: ["job"])),
            ("AddJobRequest", JobComponents.addJobRequest),
            ("JobAdded", JobComponents.jobAdded),
            ("JobsResponse", Schema.object([("jobs", Schema.array(Schema.ref("Job")))], required: ["jobs"])),
            (
                "CreateKeyRequest",
                Schema.object(
                    [
                        ("name", Schema.text(max: 200)),
                        ("scopes", Schema.array(Schema.string(enumeration: APIScope.allCases.map(\.rawValue)), min: 1)),
                    ], required: ["name", "scopes"])
            ),
            (
                "ApiKey",
                Schema.object(
                    [
                        ("id", uuid), ("name", Schema.string()), ("prefix", Schema.string()), ("scopes", Schema.array(Schema.string())),
                        ("createdAt", dateTime), ("revokedAt", dateTime), ("lastUsedAt", dateTime),
                    ], required: ["id", "name", "prefix", "scopes"])
            ),
            ("CreatedKey", Schema.object([("key", Schema.string()), ("apiKey", Schema.ref("ApiKey"))], required: ["key", "apiKey"])),
            ("KeysResponse", Schema.object([("keys", Schema.array(Schema.ref("ApiKey")))], required: ["keys"])),
            (
                "Credits",
                Schema.object(
                    [
                        ("all", usage), ("thisKey", usage), ("byEndpoint", Schema.object([], additional: usage)),
                        (
                            "budget",
                            Schema.object([
                                ("dailyCap", Schema.number()), ("monthlyCap", Schema.number()), ("perKeyDailyCap", Schema.number()),
                                ("perKeyMonthlyCap", Schema.number()),
                                ("remainingToday", Schema.number()), ("remainingThisMonth", Schema.number()),
                            ])
                        ),
                    ], required: ["all", "thisKey", "byEndpoint", "budget"])
            ),
            (
                "AuditEntry",
                Schema.object(
                    [
                        ("id", uuid), ("occurredAt", dateTime), ("actorType", Schema.string(enumeration: ["api_key", "job", "system"])),
                        ("actorId", Schema.string()),
                        ("action", Schema.string()), ("entityType", Schema.string()), ("entityId", Schema.string()), ("before", Schema.any),
                        ("after", Schema.any),
                        ("requestId", Schema.string()),
                    ], required: ["occurredAt", "actorType", "action", "entityType", "entityId"])
            ),
            ("AuditResponse", Schema.object([("entries", Schema.array(Schema.ref("AuditEntry")))], required: ["entries"])),
        ] + OpenAPIEngagementComponents.schemas + OpenAPIRevealComponents.schemas + OpenAPIDataProtectionComponents.schemas
    }

    private static var usage: JSONSchema {
        Schema.object([("today", Schema.number()), ("thisMonth", Schema.number())], required: ["today", "thisMonth"])
    }

    /// A person to enrich: the fields, and one of the identifier sets the server requires (``PersonBody``).
    private static func person(extra: [(String, JSONSchema)]) -> JSONSchema {
        let fields = Schema.object(
            [
                ("email", Schema.email), ("linkedinUrl", text), ("apolloId", Schema.apolloID), ("firstName", text),
                ("lastName", text), ("name", text), ("domain", text),
            ] + extra)
        let identifiers: [[String]] = [["email"], ["linkedinUrl"], ["apolloId"], ["name", "domain"], ["firstName", "lastName", "domain"]]
        return .all(of: [fields, .any(of: identifiers.map { names in Schema.object(names.map { ($0, Schema.string()) }, required: names) })])
    }
}
