import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Credit-spending requests above the approval threshold: held as `awaiting_approval` until an admin approves (the
/// job is enqueued then, in the same transaction) or rejects them, or until they expire; a rejected or expired
/// request never reaches the queue, so it spends nothing.
public struct SpendApprovalService: Sendable {
    let database: any Database
    let ttlSeconds: Double
    let clock: any ApolloClock

    public init(database: any Database, ttlSeconds: Double, clock: any ApolloClock) {
        self.database = database
        self.ttlSeconds = ttlSeconds
        self.clock = clock
    }

    /// The job kinds a request can hold, and how each is enqueued from its stored payload.
    static let builders: [String: @Sendable (String) throws -> NewJob] = [
        EnrichJob.kind: { try EnrichJob.job(JSONDecoder().decode(EnrichJob.Payload.self, from: Data($0.utf8))) }
    ]

    /// The kind of a CSV list run held for approval: approving it enqueues nothing, the operator runs the list again.
    public static let listEnrichmentKind = "list.enrich"

    /// Holds a bulk enrichment for approval.
    public func hold(_ payload: EnrichJob.Payload, estimate: EnrichmentEstimate, requestedBy: String?) async throws -> SpendApproval {
        try await hold(
            kind: EnrichJob.kind, queue: EnrichJob.queue.rawValue, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
            people: payload.people.count, worstCaseCredits: estimate.worstCaseCredits, requestedBy: requestedBy)
    }

    /// Holds a request of `kind` for approval.
    public func hold(kind: String, queue: String, payload: String, people: Int, worstCaseCredits: Double, requestedBy: String?)
        async throws -> SpendApproval
    {
        let request = SpendApproval(
            jobKind: kind, queue: queue, payload: payload, people: people, worstCaseCredits: worstCaseCredits, requestedBy: requestedBy,
            expiresAt: Date(timeIntervalSince1970: clock.now() + ttlSeconds))
        try await request.create(on: database)
        return request
    }

    /// The newest request of `kind` for exactly `payload` (a list run asks again with the same input).
    public func latest(kind: String, payload: String) async throws -> SpendApproval? {
        try await expireOverdue()
        return try await SpendApproval.query(on: database).filter(\.$jobKind == kind).filter(\.$payload == payload)
            .sort(\.$createdAt, .descending).first()
    }

    /// Requests, newest first, optionally in one status (overdue ones are marked expired first).
    public func list(status: SpendApproval.Status?, limit: Int) async throws -> [SpendApproval] {
        try await expireOverdue()
        var query = SpendApproval.query(on: database).sort(\.$createdAt, .descending).sort(\.$id).limit(limit)
        if let status { query = query.filter(\.$status == status) }
        return try await query.all()
    }

    /// One request.
    public func find(_ id: UUID) async throws -> SpendApproval {
        try await expireOverdue()
        guard let request = try await SpendApproval.find(id, on: database) else { throw ServiceError.notFound("no spend approval \(id)") }
        return request
    }

    /// Approves a waiting request and enqueues its job.
    public func approve(_ id: UUID, actor: AuditActor) async throws -> SpendApproval {
        try await decide(id, actor: actor, to: .approved) { request, transaction in
            // A list run enqueues nothing: its operator runs it again once approved.
            guard request.jobKind != Self.listEnrichmentKind else { return }
            guard let build = Self.builders[request.jobKind] else { throw ServiceError.conflict("job kind \(request.jobKind) cannot be approved") }
            request.jobID = try await JobStore.enqueue(try build(request.payload), on: transaction).id
        }
    }

    /// Rejects a waiting request: nothing is enqueued.
    public func reject(_ id: UUID, actor: AuditActor) async throws -> SpendApproval {
        try await decide(id, actor: actor, to: .rejected) { _, _ in }
    }

    /// Marks waiting requests past their expiry as expired; returns how many.
    @discardableResult
    public func expireOverdue() async throws -> Int {
        let now = Date(timeIntervalSince1970: clock.now())
        let overdue = try await SpendApproval.query(on: database).filter(\.$status == .awaitingApproval).filter(\.$expiresAt <= now).all()
        for request in overdue {
            request.status = .expired
            request.decidedAt = now
            try await request.save(on: database)
        }
        return overdue.count
    }

    private func decide(
        _ id: UUID, actor: AuditActor, to status: SpendApproval.Status,
        _ effect: @escaping @Sendable (SpendApproval, any Database) async throws -> Void
    ) async throws -> SpendApproval {
        try await expireOverdue()
        let now = Date(timeIntervalSince1970: clock.now())
        return try await database.safeTransaction { transaction in
            guard let request = try await SpendApproval.find(id, on: transaction) else { throw ServiceError.notFound("no spend approval \(id)") }
            guard request.status == .awaitingApproval else {
                throw ServiceError.conflict("spend approval \(id) is \(request.status.rawValue), not awaiting approval")
            }
            try await effect(request, transaction)
            request.status = status
            request.decidedBy = actor.id
            request.decidedAt = now
            try await request.save(on: transaction)
            try await AuditService().record(
                "spend_approval.\(status.rawValue)", entityType: "spend_approval", entityID: id.uuidString,
                after: ["worstCaseCredits": request.worstCaseCredits, "people": Double(request.people)], actor: actor, on: transaction)
            return request
        }
    }
}
