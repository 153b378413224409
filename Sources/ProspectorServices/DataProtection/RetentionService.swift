import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Enforces the retention policy: each kind of data older than its period goes (raw records are cleared, the rest
/// deleted). Run daily by ``RetentionJob``; `prospector retention --dry-run` shows what would go.
public struct RetentionService: Sendable {
    let database: any Database
    let policy: RetentionPolicy
    let clock: any ApolloClock

    public init(database: any Database, policy: RetentionPolicy, clock: any ApolloClock) {
        self.database = database
        self.policy = policy
        self.clock = clock
    }

    /// What one kind of data lost (or would lose).
    public struct Sweep: Codable, Sendable, Equatable {
        public var category: RetentionCategory
        /// Nil: kept for ever.
        public var periodDays: Double?
        public var before: Date?
        public var rows: Int
    }

    /// Counts (`apply: false`) or removes what the policy no longer keeps.
    public func run(apply: Bool) async throws -> [Sweep] {
        let now = clock.now()
        var sweeps: [Sweep] = []
        for (category, days) in policy.periods {
            guard let days else {
                sweeps.append(Sweep(category: category, periodDays: nil, before: nil, rows: 0))
                continue
            }
            let cutoff = Date(timeIntervalSince1970: now - days * 86_400)
            let rows: Int
            switch category {
            case .rawRecords: rows = try await RetentionSweep.rawRecords(before: cutoff, apply: apply, on: database)
            case .enrichmentMisses: rows = try await RetentionSweep.enrichmentMisses(before: cutoff, apply: apply, on: database)
            case .finishedJobs:
                rows = try await JobStore(database: database).finishedJobs(before: cutoff.timeIntervalSince1970, delete: apply)
            case .webhookDeliveries: rows = try await RetentionSweep.webhookDeliveries(before: cutoff, apply: apply, on: database)
            case .idempotencyRecords: rows = try await RetentionSweep.idempotencyRecords(before: cutoff, apply: apply, on: database)
            case .audit: rows = try await RetentionSweep.audit(before: cutoff, apply: apply, on: database)
            }
            sweeps.append(Sweep(category: category, periodDays: days, before: cutoff, rows: rows))
        }
        return sweeps
    }
}

/// `maintenance.retention`: the daily pass of the retention policy (once a day across all workers), which also
/// expires spend approvals left waiting.
public struct RetentionJob: ProspectorJob {
    public static let kind = "maintenance.retention"
    public static let queue = QueueName.default
    public static let maxAttempts = 3

    public struct Payload: Codable, Sendable, Equatable {
        public init() {}
    }

    let retention: RetentionService
    let approvals: SpendApprovalService

    public init(retention: RetentionService, approvals: SpendApprovalService) {
        self.retention = retention
        self.approvals = approvals
    }

    public static func uniqueKey(for payload: Payload) -> String? { kind }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        let sweeps = try await retention.run(apply: true)
        try await approvals.expireOverdue()
        return try .complete(encoding: Dictionary(uniqueKeysWithValues: sweeps.map { ($0.category.rawValue, $0.rows) }))
    }
}
