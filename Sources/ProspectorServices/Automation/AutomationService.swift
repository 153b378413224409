import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Turns domain events into automation: a deal entering a stage with rules (by a change of stage, or created in it)
/// gets its sequence step and its tasks, once per event, and every subscription that wants the event gets a signed
/// delivery.
///
/// The dispatcher hands each event to a `StageChangeJob` (unique per event) and marks it dispatched in the same
/// transaction. The stage-change job records each rule's action in `automation_actions` (unique per event and action):
/// a task rule is recorded in the same transaction that enqueues one `TaskCreatorJob` per contact (each with a job id
/// of its own), so a re-delivered event, a retried job or a re-run sync enqueues no second task; the task creator makes
/// its one task exactly once (see ``TaskCreation``). A sequence step is done at most once: it is recorded before
/// Apollo is called, and the record is removed when Apollo refuses so that a retry can try again.
public struct AutomationService: Sendable {
    let database: any Database
    let sequences: SequenceService
    let rules: [StageRule]

    public init(client: ApolloClient, database: any Database, rules: [StageRule], suppressions: SuppressionList? = nil) {
        self.database = database
        self.sequences = SequenceService(client: client, database: database, suppressions: suppressions)
        self.rules = rules
    }

    /// Hands undispatched events to jobs; returns how many were dispatched.
    @discardableResult
    public func dispatch(limit: Int = 200) async throws -> Int {
        let stages = Set(rules.map(\.stageId))
        return try await database.safeTransaction { transaction in
            let events = try await DomainEvent.claimUndispatched(limit: limit, on: transaction)
            for event in events {
                if let entered = Self.enteredStage(event), stages.contains(entered) {
                    _ = try await StageChangeJob.enqueue(StageChangeJob.Payload(eventId: try event.requireID()), on: transaction)
                }
                try await WebhookService.fanOut(event, on: transaction)
                event.dispatchedAt = Date()
                try await event.save(on: transaction)
            }
            return events.count
        }
    }

    /// The stage a deal entered with this event: the new stage of a change, or the stage a new deal was created in.
    ///
    /// A deal first seen more than ``newDealWindow`` after Apollo created it is an old deal found by a sync (a first,
    /// full sync finds them all), not an entry: its stage's rules do not run.
    static func enteredStage(_ event: DomainEvent) -> String? {
        let payload = Data(event.payload.utf8)
        switch event.type {
        case "deal.stage_changed":
            return (try? JSONDecoder().decode(StageChange.self, from: payload))?.to
        case "deal.created":
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard let deal = try? decoder.decode(CreatedDeal.self, from: payload),
                event.occurredAt.timeIntervalSince(deal.createdAt ?? event.occurredAt) <= newDealWindow
            else { return nil }
            return deal.opportunityStageId
        default:
            return nil
        }
    }

    /// How long after Apollo created a deal Prospector may first see it and still treat its stage as entered.
    static let newDealWindow: TimeInterval = 86_400

    /// Applies the rules of the stage a deal entered; returns the tasks enqueued now (one `TaskCreatorJob` each).
    public func applyStageChange(eventID: UUID) async throws -> Int {
        guard let event = try await DomainEvent.find(eventID, on: database), let entered = Self.enteredStage(event),
            let deal = try await Deal.query(on: database).filter(\.$apolloID == event.entityID).with(\.$contacts).first()
        else { return 0 }
        let contactIDs = deal.contacts.compactMap(\.apolloID)
        var enqueued = 0
        for (ruleIndex, rule) in rules.enumerated() where rule.stageId == entered {
            if let step = rule.sequence, !contactIDs.isEmpty {
                try await once(eventID: eventID, key: "sequence:\(ruleIndex)") { try await apply(step, to: contactIDs) }
            }
            for (taskIndex, spec) in rule.tasks.enumerated() {
                let owner = spec.assignee == "owner" ? deal.ownerID : spec.assignee
                let jobs = contactIDs.compactMap { contactID in
                    owner.map { owner in
                        TaskCreatorJob.Payload(
                            eventId: eventID, actionKey: "task:\(ruleIndex):\(taskIndex):\(contactID)", userId: owner, contactId: contactID,
                            type: spec.type, dueAt: event.occurredAt.addingTimeInterval(spec.dueInDays * 86_400), title: spec.title, note: spec.note)
                    }
                }
                enqueued += try await enqueueOnce(eventID: eventID, key: "tasks:\(ruleIndex):\(taskIndex)", jobs) {
                    contactIDs.isEmpty ? "skipped: the deal has no contacts" : owner == nil ? "skipped: the deal has no owner" : nil
                }
            }
        }
        return enqueued
    }

    private func apply(_ step: StageRule.SequenceAction, to contactIDs: [String]) async throws -> String {
        if step.action == "add" {
            let result = try await sequences.add(
                contactIDs: contactIDs, to: step.id, emailAccountID: step.emailAccountId ?? "", active: step.active ?? false, actor: .system)
            return "added \(result.added.count), skipped \(result.skipped.count)"
        }
        let removed = try await sequences.remove(
            contactIDs: contactIDs, from: [step.id], mode: step.action == "stop" ? .stop : .remove, actor: .system)
        return "\(step.action) \(removed.count)"
    }

    /// Records the action and enqueues its task jobs in one transaction, unless this event already did; `skipped`
    /// gives the reason when there is nothing to enqueue. Returns the jobs enqueued now.
    private func enqueueOnce(eventID: UUID, key: String, _ jobs: [TaskCreatorJob.Payload], skipped: () -> String?) async throws -> Int {
        let outcome = skipped() ?? "enqueued \(jobs.count)"
        do {
            return try await database.safeTransaction { transaction in
                let record = AutomationAction(eventID: eventID, actionKey: key)
                record.outcome = outcome
                try await record.create(on: transaction)
                for job in jobs { _ = try await TaskCreatorJob.enqueue(job, on: transaction) }
                return jobs.count
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return 0
        }
    }

    /// Runs `action` unless this event already did it (see the type's comment for failures).
    private func once(eventID: UUID, key: String, _ action: () async throws -> String) async throws {
        let record = AutomationAction(eventID: eventID, actionKey: key)
        do {
            try await record.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return
        }
        do {
            record.outcome = try await action()
            try await record.save(on: database)
        } catch let error as ApolloError {
            switch error {
            case .timeout, .transport: break
            default: try await record.delete(on: database)
            }
            throw error
        }
    }

    struct StageChange: Decodable {
        var from: String?
        var to: String?
    }

    /// The part of a `deal.created` event (Apollo's opportunity) that names its stage.
    struct CreatedDeal: Decodable {
        var opportunityStageId: String?
        var createdAt: Date?
    }
}
