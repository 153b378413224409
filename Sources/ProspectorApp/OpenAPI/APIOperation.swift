import OpenAPIKit

/// One operation of the API as the document describes it.
struct APIOperation: Sendable {
    var method: String
    /// OpenAPI path, parameters in braces: `/api/deals/{id}`.
    var path: String
    var summary: String
    /// The scope it needs; nil for the public routes.
    var scope: String?
    var requestBody: String?
    var success: (status: Int, schema: String?, description: String)
    var query: [(name: String, schema: JSONSchema)] = []
    /// Query parameters that must be sent.
    var requiredQuery: Set<String> = []
    /// Other successful answers (status, schema, description), e.g. a dry run's 200 beside the job's 202.
    var alternatives: [(status: Int, schema: String?, description: String)] = []
}

/// How an operation's answer leads to others (OpenAPI links): what a client, or schemathesis's stateful phase, calls
/// next with the id it got.
enum APILinks {
    /// Operation id → links of its success response: (link name, target operation id, target's `id` from this
    /// answer as a JSON pointer into the body).
    static let byOperation: [String: [(name: String, operation: String, id: String)]] = [
        "postApiDeals": [("ShowDeal", "getApiDealsId", "/dealId"), ("UpdateDeal", "patchApiDealsId", "/dealId")],
        "postApiKeys": [("RevokeKey", "deleteApiKeysId", "/apiKey/id")],
        "postApiWebhooks": [
            ("ListDeliveries", "getApiWebhooksIdDeliveries", "/webhook/id"), ("DeleteWebhook", "deleteApiWebhooksId", "/webhook/id"),
        ],
        "postApiReveals": [("ShowReveal", "getApiRevealsId", "/reveal/id")],
        "postApiJobs": [
            ("ShowJob", "getApiJobsId", "/id"), ("CancelJob", "postApiJobsIdCancel", "/id"), ("RetryJob", "postApiJobsIdRetry", "/id"),
        ],
        "postApiLeadsEnrichBulk": [("ShowJob", "getApiJobsId", "/jobId"), ("ShowApproval", "getApiApprovalsId", "/approvalId")],
        "postApiSuppressions": [("RemoveSuppression", "deleteApiSuppressionsId", "/suppression/id")],
        "postApiSyncObject": [("ShowJob", "getApiJobsId", "/jobId")],
        "postApiLeadsEnrich": [("ShowContact", "getApiContactsId", "/contact/id")],
    ]
}
