import ApolloIOClient
import OpenAPIKit
import ProspectorServices

/// The schemas of `POST /api/jobs`: BullMQ's `add(name, data, opts)` and what it answers.
enum JobComponents {
    /// `true` (remove at once), `false` (keep), a count to keep, or `{age (seconds), count}`.
    static let removal: JSONSchema = .one(
        of: [
            Schema.boolean(), Schema.integer(min: 0, max: JobAddition.removalCountMax),
            Schema.object(
                [
                    ("age", Schema.number(min: 0, exclusiveMax: JobAddition.removalAgeMax)),
                    ("count", Schema.integer(min: 0, max: JobAddition.removalCountMax)),
                ]),
        ])

    static let options = Schema.object([
        ("attempts", Schema.integer(min: JobAddition.attemptsRange.lowerBound, max: JobAddition.attemptsRange.upperBound)),
        (
            "backoff",
            .one(of: [
                Schema.integer(min: 0, max: JobAddition.backoffDelayRange.upperBound),
                Schema.object(
                    [
                        ("type", Schema.string(enumeration: ["fixed", "exponential"])),
                        ("delay", Schema.integer(min: 0, max: JobAddition.backoffDelayRange.upperBound)),
                    ], required: ["type"]),
            ])
        ),
        ("delay", Schema.integer(min: 0, max: JobAddition.delayRange.upperBound)),
        ("priority", Schema.integer(min: 0, max: JobAddition.priorityRange.upperBound)),
        ("jobId", Schema.string(min: 1, max: 255, pattern: "^(?![0-9]+$)[^:]+$")),
        ("removeOnComplete", removal), ("removeOnFail", removal),
    ])

    /// One shape per name: the name, its queue, its data as the job reads it, the options.
    static let addJobRequest: JSONSchema = .one(
        of: [
            ("enrich-person", Schema.object([("email", Schema.email)], required: ["email"])),
            ("enrich-org", Schema.object([("domain", domain)], required: ["domain"])),
            ("bulk-search", Schema.object([("domains", Schema.array(domain, min: 1, max: BulkSearchJob.maxDomains))], required: ["domains"])),
        ].map { name, data in
            Schema.object(
                [
                    ("name", Schema.string(enumeration: [name])), ("queue", Schema.string(enumeration: [QueueName.apolloEnrichment.rawValue])),
                    ("data", data), ("opts", options),
                ], required: ["name", "data"])
        })

    private static let domain = Schema.string(min: 3, max: 253, pattern: DomainName.plainPattern)

    static let jobAdded = Schema.object(
        [
            ("id", Schema.integer(min: 0)), ("jobId", Schema.string(nullable: true)), ("name", Schema.string()), ("queue", Schema.string()),
            ("existing", Schema.boolean()), ("backend", Schema.string(enumeration: ["sql", "redis"])),
        ], required: ["name", "queue", "existing", "backend"])
}
