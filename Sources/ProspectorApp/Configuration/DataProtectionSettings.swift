import Configuration
import Foundation
import ProspectorServices

/// Personal-data settings: the suppression list's key, the spend-approval threshold and how long each kind of data
/// is kept. Every value has a default; see docs/data-protection.md.
public struct DataProtectionSettings: Sendable, Equatable {
    /// `SUPPRESSION_SECRET`; nil: a key is made once and kept in the database (`server_secrets`).
    public var suppressionSecret: String?
    /// `CREDITS_APPROVAL_THRESHOLD`: bulk enrichment whose worst case is above it waits for approval (nil: never).
    public var approvalThresholdCredits: Double?
    /// `APPROVAL_TTL_HOURS`: how long a request waits before it expires.
    public var approvalTTLHours: Double
    public var retention: RetentionPolicy

    public init(
        suppressionSecret: String? = nil, approvalThresholdCredits: Double? = nil, approvalTTLHours: Double = 72,
        retention: RetentionPolicy = RetentionPolicy()
    ) {
        self.suppressionSecret = suppressionSecret
        self.approvalThresholdCredits = approvalThresholdCredits
        self.approvalTTLHours = approvalTTLHours
        self.retention = retention
    }

    /// The retention keys, their environment names and where each goes.
    static let retentionKeys: [(ConfigKey, String, WritableKeyPath<RetentionPolicy, Double?>)] = [
        ("retention.rawRecordsDays", "RETENTION_RAW_RECORDS_DAYS", \.rawRecordsDays),
        ("retention.enrichmentMissesDays", "RETENTION_ENRICHMENT_MISSES_DAYS", \.enrichmentMissesDays),
        ("retention.finishedJobsDays", "RETENTION_FINISHED_JOBS_DAYS", \.finishedJobsDays),
        ("retention.webhookDeliveriesDays", "RETENTION_WEBHOOK_DELIVERIES_DAYS", \.webhookDeliveriesDays),
        ("retention.idempotencyRecordsDays", "RETENTION_IDEMPOTENCY_RECORDS_DAYS", \.idempotencyRecordsDays),
        ("retention.auditDays", "RETENTION_AUDIT_DAYS", \.auditDays),
    ]

    static func read(_ reader: ConfigReader) throws(ConfigurationError) -> DataProtectionSettings {
        let secret = reader.string(forKey: "suppression.secret", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        if let secret, secret.utf8.count < 32 {
            throw .invalid(key: "SUPPRESSION_SECRET", value: "(redacted, \(secret.utf8.count) bytes)", expected: "at least 32 characters")
        }
        var settings = DataProtectionSettings(
            suppressionSecret: secret,
            approvalThresholdCredits: try AppConfiguration.number(
                reader, "credits.approvalThreshold", env: "CREDITS_APPROVAL_THRESHOLD", default: nil, range: 0...10_000_000),
            approvalTTLHours: try AppConfiguration.number(reader, "approval.ttlHours", env: "APPROVAL_TTL_HOURS", default: 72, range: 0.01...8_760)
                ?? 72)
        for (key, env, path) in retentionKeys {
            if reader.string(forKey: key)?.trimmingCharacters(in: .whitespaces).lowercased() == "never" {
                settings.retention[keyPath: path] = nil
            } else if let days = try AppConfiguration.number(reader, key, env: env, default: nil, range: 0.001...36_500) {
                settings.retention[keyPath: path] = days
            }
        }
        return settings
    }
}
