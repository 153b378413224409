import Foundation

/// How long each kind of stored data is kept (days; nil keeps it for ever), enforced daily by the retention job.
public struct RetentionPolicy: Sendable, Equatable, Codable {
    /// Apollo's raw records of contacts, organizations and accounts (`raw_json`, cleared; deals keep theirs, which
    /// stage-change detection compares against).
    public var rawRecordsDays: Double? = 180
    /// Enrichment misses and errors (asked again after this, at the price of a call).
    public var enrichmentMissesDays: Double? = 90
    /// Finished jobs, with their payloads and results.
    public var finishedJobsDays: Double? = 30
    /// Webhook deliveries that ended (delivered or failed) and the dispatched domain events they carried.
    public var webhookDeliveriesDays: Double? = 30
    /// Idempotency records (a replay needs them for 24 hours).
    public var idempotencyRecordsDays: Double? = 2
    /// Audit log entries.
    public var auditDays: Double? = 730

    public init() {}

    /// Each kind, by the name reports use.
    public var periods: [(RetentionCategory, Double?)] {
        [
            (.rawRecords, rawRecordsDays), (.enrichmentMisses, enrichmentMissesDays), (.finishedJobs, finishedJobsDays),
            (.webhookDeliveries, webhookDeliveriesDays), (.idempotencyRecords, idempotencyRecordsDays), (.audit, auditDays),
        ]
    }
}

/// A kind of data with a retention period.
public enum RetentionCategory: String, Sendable, Codable, CaseIterable {
    case rawRecords = "raw_records"
    case enrichmentMisses = "enrichment_misses"
    case finishedJobs = "finished_jobs"
    case webhookDeliveries = "webhook_deliveries"
    case idempotencyRecords = "idempotency_records"
    case audit
}
