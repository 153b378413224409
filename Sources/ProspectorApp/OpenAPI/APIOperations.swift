import OpenAPIKit
import ProspectorData

/// Every operation of the API, as the OpenAPI document (``OpenAPIDocument``) describes it.
enum APIOperations {
    /// `?include=rawApolloData`: Apollo's record beside ours (the reference's `rawApolloData`), never by default.
    private static let include = (name: "include", schema: Schema.string(enumeration: ["rawApolloData"]))
    /// Names the BullMQ queue on Redis that holds the job (`JOBS_BACKEND=redis`); a SQL job needs none.
    private static let jobQueue = (name: "queue", schema: Schema.string(min: 1, max: 100))

    static let all: [APIOperation] = [
        APIOperation(method: "get", path: "/health", summary: "Service health (no key)", success: (200, "Health", "healthy")),
        APIOperation(method: "get", path: "/metrics", summary: "Prometheus metrics (no key, or METRICS_TOKEN)", success: (200, nil, "metrics text")),
        APIOperation(method: "get", path: "/openapi.json", summary: "This document", success: (200, nil, "the document")),
        APIOperation(
            method: "post", path: "/api/leads/search", summary: "Search people (free)", scope: "read", requestBody: "LeadSearchRequest",
            success: (200, "LeadsResponse", "a page of leads")),
        APIOperation(
            method: "post", path: "/api/leads/enrich", summary: "Enrich one person; stored as a contact", scope: "enrich",
            requestBody: "EnrichRequest", success: (200, "ContactResponse", "the stored contact"), query: [include]),
        APIOperation(
            method: "post", path: "/api/leads/enrich/bulk",
            summary: "Enrich many people as a job (held for approval above CREDITS_APPROVAL_THRESHOLD; dryRun only estimates)",
            scope: "enrich", requestBody: "BulkEnrichRequest", success: (202, "AcceptedJob", "the job, or the approval it waits for"),
            alternatives: [(200, "EnrichmentEstimate", "the estimate (dryRun): nothing spent")]),
        APIOperation(
            method: "get", path: "/api/organizations/{domain}", summary: "Enrich an organization by domain; stored", scope: "enrich",
            success: (200, "OrganizationResponse", "the organization"), query: [include]),
        APIOperation(
            method: "get", path: "/api/org/{domain}", summary: "The same as /api/organizations/{domain} (the reference's short route)",
            scope: "enrich", success: (200, "OrganizationResponse", "the organization"), query: [include]),
        APIOperation(
            method: "post", path: "/api/organizations/search", summary: "Search organizations (a credit per page)", scope: "enrich",
            requestBody: "OrganizationSearchRequest", success: (200, "OrganizationsResponse", "a page of organizations")),
        APIOperation(
            method: "post", path: "/api/deals",
            summary: "Create a deal; contactIds are linked in Prospector's database (Apollo's deal API takes no contacts)", scope: "write",
            requestBody: "CreateDealRequest",
            success: (201, "CreatedDeal", "the deal's id and name")),
        APIOperation(
            method: "get", path: "/api/deals", summary: "List deals by page (50 by default), with stage and owner names", scope: "read",
            success: (200, "DealsResponse", "a page of deals"),
            query: [("page", Schema.integer(min: 1, max: 500)), ("perPage", Schema.integer(min: 1, max: 100))]),
        APIOperation(method: "get", path: "/api/deals/stages", summary: "Deal stages", scope: "read", success: (200, "StagesResponse", "the stages")),
        APIOperation(method: "get", path: "/api/deals/{id}", summary: "Show a deal", scope: "read", success: (200, "DealResponse", "the deal")),
        APIOperation(
            method: "patch", path: "/api/deals/{id}", summary: "Update amount, stage, owner, close date or name", scope: "write",
            requestBody: "UpdateDealRequest", success: (200, "DealResponse", "the updated deal")),
        APIOperation(
            method: "get", path: "/api/contacts", summary: "Local contacts, cursor-paginated", scope: "read",
            success: (200, "ContactsResponse", "a page of contacts"),
            query: [
                ("email", Schema.string()), ("organizationId", Schema.string(format: .uuid)), ("title", Schema.string()),
                ("cursor", Schema.string(format: .uuid)), ("limit", Schema.integer(min: 1, max: 500)), include,
            ]),
        APIOperation(
            method: "get", path: "/api/contacts/{id}", summary: "Show a local contact", scope: "read",
            success: (200, "ContactResponse", "the contact"), query: [include]),
        APIOperation(
            method: "delete", path: "/api/contacts/{id}", summary: "Erase a person: their data leaves every table; they are suppressed",
            scope: "admin", success: (200, "Erasure", "what was erased"),
            query: [("erase", Schema.string(enumeration: ["true"])), ("apollo", Schema.string(enumeration: ["true", "false"]))],
            requiredQuery: ["erase"]),
        APIOperation(
            method: "get", path: "/api/contacts/{id}/export", summary: "Everything held about a person, as one document", scope: "admin",
            success: (200, "SubjectExport", "the document")),
        APIOperation(
            method: "post", path: "/api/suppressions", summary: "Suppress an email address or a whole domain (stored as a keyed hash)",
            scope: "admin", requestBody: "SuppressionRequest", success: (201, "SuppressionCreated", "the suppression"),
            alternatives: [(200, "SuppressionCreated", "already suppressed")]),
        APIOperation(
            method: "get", path: "/api/suppressions", summary: "The suppression list by page, or whether one email or domain is on it",
            scope: "admin", success: (200, "SuppressionsResponse", "suppressions"),
            query: [
                ("email", OpenAPIDataProtectionComponents.email), ("domain", OpenAPIDataProtectionComponents.domain),
                ("cursor", Schema.string(format: .uuid)), ("limit", Schema.integer(min: 1, max: 1_000)),
            ]),
        APIOperation(
            method: "delete", path: "/api/suppressions/{id}", summary: "Lift a suppression", scope: "admin", success: (204, nil, "deleted")),
        APIOperation(
            method: "get", path: "/api/approvals", summary: "Spend approvals, newest first", scope: "admin",
            success: (200, "SpendApprovalsResponse", "approvals"),
            query: [
                ("status", Schema.string(enumeration: SpendApproval.Status.allCases.map(\.rawValue))), ("limit", Schema.integer(min: 1, max: 1_000)),
            ]),
        APIOperation(
            method: "get", path: "/api/approvals/{id}", summary: "Show a spend approval", scope: "admin",
            success: (200, "SpendApprovalResponse", "the approval")),
        APIOperation(
            method: "post", path: "/api/approvals/{id}/approve", summary: "Approve: the held job is enqueued", scope: "admin",
            success: (200, "SpendApprovalResponse", "the approval")),
        APIOperation(
            method: "post", path: "/api/approvals/{id}/reject", summary: "Reject: nothing is enqueued or spent", scope: "admin",
            success: (200, "SpendApprovalResponse", "the approval")),
        APIOperation(
            method: "get", path: "/api/jobs", summary: "List jobs", scope: "read", success: (200, "JobsResponse", "jobs, newest first"),
            query: [
                ("state", Schema.string(enumeration: ["available", "running", "completed", "dead", "cancelled"])), ("queue", Schema.string()),
                ("limit", Schema.integer(min: 1, max: 500)),
            ]),
        APIOperation(
            method: "post", path: "/api/jobs",
            summary:
                "Add a job by name, as BullMQ's queue.add(name, data, opts): enrich-person, enrich-org and bulk-search on apollo-enrichment",
            scope: "enrich", requestBody: "AddJobRequest", success: (202, "JobAdded", "the job (existing: true when its jobId was already there)")),
        APIOperation(
            method: "get", path: "/api/jobs/{id}", summary: "Show a job (with queue: a BullMQ job on Redis)", scope: "read",
            success: (200, "JobResponse", "the job"), query: [jobQueue]),
        APIOperation(
            method: "post", path: "/api/jobs/{id}/retry", summary: "Retry a dead or cancelled job", scope: "write",
            success: (200, "JobResponse", "the job"), query: [jobQueue]),
        APIOperation(
            method: "post", path: "/api/jobs/{id}/cancel", summary: "Cancel a pending or running job", scope: "write",
            success: (200, "JobResponse", "the job"), query: [jobQueue]),
        APIOperation(method: "get", path: "/api/credits", summary: "Credits used and budgets", scope: "read", success: (200, "Credits", "usage")),
        APIOperation(
            method: "get", path: "/api/audit", summary: "The audit log, newest first", scope: "read", success: (200, "AuditResponse", "entries"),
            query: [
                ("entityType", Schema.string()), ("entityId", Schema.string()), ("action", Schema.string()),
                ("limit", Schema.integer(min: 1, max: 1_000)),
            ]),
        APIOperation(
            method: "post", path: "/api/keys", summary: "Create an API key (shown once)", scope: "admin", requestBody: "CreateKeyRequest",
            success: (201, "CreatedKey", "the key")),
        APIOperation(method: "get", path: "/api/keys", summary: "List API keys", scope: "admin", success: (200, "KeysResponse", "the keys")),
        APIOperation(
            method: "delete", path: "/api/keys/{id}", summary: "Revoke an API key", scope: "admin", success: (200, "ApiKey", "the revoked key")),
        APIOperation(
            method: "post", path: "/api/sequences/search", summary: "Search sequences", scope: "read", requestBody: "SequenceSearchRequest",
            success: (200, "SequencesResponse", "a page of sequences")),
        APIOperation(
            method: "post", path: "/api/sequences/{id}/contacts", summary: "Add contacts to a sequence (paused unless active)", scope: "write",
            requestBody: "AddToSequenceRequest", success: (200, "AddedToSequence", "added and skipped contacts")),
        APIOperation(
            method: "post", path: "/api/sequences/remove", summary: "Remove, stop or finish contacts in sequences", scope: "write",
            requestBody: "RemoveFromSequencesRequest", success: (200, "RemovedFromSequences", "the contacts")),
        APIOperation(
            method: "post", path: "/api/tasks", summary: "Create tasks, one per contact", scope: "write", requestBody: "CreateTasksRequest",
            success: (201, "TasksResponse", "the tasks")),
        APIOperation(
            method: "get", path: "/api/sync", summary: "Each synced object's last run, watermark, counts and error", scope: "read",
            success: (200, "SyncStatus", "the objects")),
        APIOperation(
            method: "post", path: "/api/sync/{object}", summary: "Run a sync of one object now (a job)", scope: "write",
            success: (202, "SyncAccepted", "the job"), query: [("full", Schema.string(enumeration: ["true", "false"]))]),
        APIOperation(
            method: "post", path: "/api/webhooks", summary: "Subscribe a URL to events (the signing secret is shown once)", scope: "admin",
            requestBody: "CreateWebhookRequest", success: (201, "CreatedWebhook", "the subscription and its secret")),
        APIOperation(
            method: "get", path: "/api/webhooks", summary: "List webhook subscriptions", scope: "admin",
            success: (200, "WebhooksResponse", "subscriptions")),
        APIOperation(method: "delete", path: "/api/webhooks/{id}", summary: "Delete a subscription", scope: "admin", success: (204, nil, "deleted")),
        APIOperation(
            method: "get", path: "/api/webhooks/{id}/deliveries", summary: "A subscription's deliveries, newest first", scope: "admin",
            success: (200, "DeliveriesResponse", "deliveries")),
        APIOperation(
            method: "post", path: "/api/webhooks/deliveries/{id}/redeliver", summary: "Send a delivery again", scope: "admin",
            success: (202, "Redelivery", "the job")),
        APIOperation(
            method: "post", path: "/api/reveals", summary: "Ask Apollo for stored contacts' phones (or a waterfall); the result follows",
            scope: "enrich", requestBody: "RevealRequest", success: (202, "RevealResponse", "the reveal, pending")),
        APIOperation(
            method: "get", path: "/api/reveals", summary: "Recent reveals, newest first", scope: "read", success: (200, "RevealsResponse", "reveals"),
            query: [("status", Schema.string(enumeration: ["requesting", "pending", "completed", "failed"]))]),
        APIOperation(
            method: "get", path: "/api/reveals/{id}", summary: "Show a reveal", scope: "read", success: (200, "RevealResponse", "the reveal")),
        APIOperation(
            method: "post", path: "/webhooks/apollo/{token}", summary: "Where Apollo delivers a reveal's result (the URL is the credential)",
            requestBody: "ApolloRevealResult", success: (200, "CallbackAcknowledgement", "taken, or a copy of one taken before")),
        APIOperation(
            method: "get", path: "/api/tasks", summary: "List tasks by due date", scope: "read", success: (200, "TasksResponse", "a page of tasks"),
            query: [("page", Schema.integer(min: 1, max: 500)), ("perPage", Schema.integer(min: 1, max: 100))]),
    ]

    /// Every error status an `/api` operation can answer, each with the error envelope.
    static let errorStatuses: [(Int, String)] = [
        (400, "invalid request (the field is named in details.field)"), (401, "missing, unknown or revoked API key"), (402, "credit budget exceeded"),
        (403, "the key lacks the scope, or Apollo forbids the call"), (404, "no such route or record"), (405, "method not allowed"),
        (409, "conflict (Idempotency-Key reused, job state, a suppressed person)"), (413, "body too large"),
        (415, "body is not application/json"),
        (429, "Apollo's rate limit has no room (Retry-After)"), (502, "Apollo refused or garbled the call"),
        (503, "Apollo or our database unavailable (Retry-After when known)"),
    ]
}
