import ApolloIOClient
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import Vapor

struct JobDTO: Content {
    /// A SQL job's number, or a BullMQ job's when BullMQ numbered it; absent for one named by the adder's `jobId`.
    var id: Int64?
    var queue: String
    var kind: String
    /// BullMQ's name for the kind.
    var name: String
    /// The adder's `jobId`, when one was given; for a BullMQ job on Redis, its id there (BullMQ's `job.id`).
    var jobId: String?
    var priority: Int
    var state: String
    var attempt: Int
    var maxAttempts: Int
    var progress: JSONNode
    var result: JSONNode
    var lastError: String?
    var runAt: Date
    var createdAt: Date
    var finishedAt: Date?
    /// `redis` for a BullMQ job on Redis (named by `jobId`, or `id`, with its queue), else `sql`.
    var backend: String

    init(_ job: JobRecord) {
        id = job.bullmqID.map { Int64($0) } ?? job.id
        queue = job.queue
        kind = job.kind
        name = job.kind
        jobId = job.bullmqID ?? job.options.jobKey
        backend = job.bullmqID == nil ? "sql" : "redis"
        priority = job.priority
        state = job.state.rawValue
        attempt = job.attempt
        maxAttempts = job.maxAttempts
        progress = JSONNode(text: job.progress)
        result = JSONNode(text: job.result)
        lastError = job.lastError
        runAt = Date(timeIntervalSince1970: job.runAt)
        createdAt = Date(timeIntervalSince1970: job.createdAt)
        finishedAt = job.finishedAt.map(Date.init(timeIntervalSince1970:))
    }
}

struct JobResponse: Content {
    var job: JobDTO
}

struct JobsResponse: Content {
    var jobs: [JobDTO]
}

/// `POST /api/keys`.
struct CreateKeyBody: RequestBody {
    var name: String
    var scopes: [String]

    func validate() throws(APIError) {
        try Check.text(name, "name", required: true, max: 200)
        guard !scopes.isEmpty else {
            throw .invalid("scopes", "must name at least one of \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (index, scope) in scopes.enumerated() where APIScope(rawValue: scope) == nil {
            throw .invalid("scopes[\(index)]", "must be one of \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The scopes, once validated.
    var apiScopes: Set<APIScope> { Set(scopes.compactMap(APIScope.init(rawValue:))) }
}

struct KeyDTO: Content {
    var id: UUID
    var name: String
    var prefix: String
    var scopes: [String]
    var createdAt: Date?
    var revokedAt: Date?
    var lastUsedAt: Date?

    init(_ key: APIKey) throws {
        id = try key.requireID()
        name = key.name
        prefix = key.prefix
        scopes = key.scopes
        createdAt = key.createdAt
        revokedAt = key.revokedAt
        lastUsedAt = key.lastUsedAt
    }
}

struct CreatedKeyResponse: Content {
    /// The secret, shown once.
    var key: String
    var apiKey: KeyDTO
}

struct KeysResponse: Content {
    var keys: [KeyDTO]
}

struct CreditsResponse: Content {
    struct Usage: Content {
        var today: Double
        var thisMonth: Double
    }

    struct Budget: Content {
        var dailyCap: Double?
        var monthlyCap: Double?
        var perKeyDailyCap: Double?
        var perKeyMonthlyCap: Double?
        var remainingToday: Double?
        var remainingThisMonth: Double?
    }

    var all: Usage
    var thisKey: Usage
    /// By Apollo endpoint (the kind of spend): people match, bulk match, organization enrichment, search…
    var byEndpoint: [String: Usage]
    var budget: Budget

    init(_ report: CreditReport) {
        func usage(_ spent: CreditUsage?) -> Usage { Usage(today: spent?.today ?? 0, thisMonth: spent?.thisMonth ?? 0) }
        all = usage(report.all)
        thisKey = usage(report.thisKey)
        byEndpoint = report.byEndpoint.mapValues(usage)
        budget = Budget(
            dailyCap: report.budget.dailyCap, monthlyCap: report.budget.monthlyCap, perKeyDailyCap: report.budget.perKeyDailyCap,
            perKeyMonthlyCap: report.budget.perKeyMonthlyCap, remainingToday: report.remainingToday,
            remainingThisMonth: report.remainingThisMonth)
    }
}
