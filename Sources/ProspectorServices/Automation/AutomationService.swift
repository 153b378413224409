import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Turns domain events into automation: a deal entering a stage with rules gets its tasks, once per event, and
/// every subscription that wants the event gets a signed delivery.
///
/// The dispatcher hands each event to a `StageChangeJob` (unique per event) and marks it dispatched in the same
/// transaction. The job records every action in `automation_actions` (unique per event and action) before it calls
/// Apollo, so a re-delivered event, a retried job or a re-run sync never creates a second task. If Apollo refuses
/// the call the record is removed so that the retry can try again; if the process dies during the call, the
/// action is not repeated (at most once: Apollo's task API has no dedupe, CONTRACT §11).
public struct AutomationService: Sendable {
    let database: any Database
    let tasks: TaskService
    let sequences: SequenceService
    let rules: [StageRule]

    public init(client: ApolloClient, database: any Database, rules: [StageRule]) {
        self.database = database
        self.tasks = TaskService(client: client, database: database)
        self.sequences = SequenceService(client: client, database: database)
        self.rules = rules
    }

    /// Hands undispatched events to jobs; returns how many were dispatched.
    @discardableResult
    public func dispatch(limit: Int = 200) async throws -> Int {
        let stages = Set(rules.map(\.stageId))
        return try await database.safeTransaction { transaction in
            let events = try await DomainEvent.query(on: transaction).filter(\.$dispatchedAt == nil).sort(\.$occurredAt).limit(limit).all()
            for event in events {
                if event.type == "deal.stage_changed", let change = try? JSONDecoder().decode(StageChange.self, from: Data(event.payload.utf8)),
                    let to = change.to, stages.contains(to)
                {
                    _ = try await StageChangeJob.enqueue(StageChangeJob.Payload(eventId: try event.requireID()), on: transaction)
                }
                try await WebhookService.fanOut(event, on: transaction)
                event.dispatchedAt = Date()
                try await event.save(on: transaction)
            }
            return events.count
        }
    }

    /// Applies the rules of the stage a deal entered; returns the tasks created now.
    public func applyStageChange(eventID: UUID) async throws -> Int {
        guard let event = try await DomainEvent.find(eventID, on: database),
            let change = try? JSONDecoder().decode(StageChange.self, from: Data(event.payload.utf8)),
            let deal = try await Deal.query(on: database).filter(\.$apolloID == event.entityID).with(\.$contacts).first()
        else { return 0 }
        let contactIDs = deal.contacts.compactMap(\.apolloID)
        var created = 0
        for (ruleIndex, rule) in rules.enumerated() where rule.stageId == change.to {
            if let step = rule.sequence, !contactIDs.isEmpty {
                try await once(eventID: eventID, key: "sequence:\(ruleIndex)") {
                    if step.action == "add" {
                        let result = try await sequences.add(
                            contactIDs: contactIDs, to: step.id, emailAccountID: step.emailAccountId ?? "",
                            active: step.active ?? false, actor: .system)
                        return "added \(result.added.count), skipped \(result.skipped.count)"
                    }
                    let removed = try await sequences.remove(
                        contactIDs: contactIDs, from: [step.id], mode: step.action == "stop" ? .stop : .remove,
                        actor: .system)
                    return "\(step.action) \(removed.count)"
                }
            }
            for (taskIndex, spec) in rule.tasks.enumerated() {
                try await once(eventID: eventID, key: "tasks:\(ruleIndex):\(taskIndex)") {
                    guard !contactIDs.isEmpty else { return "skipped: the deal has no contacts" }
                    guard let owner = spec.assignee == "owner" ? deal.ownerID : spec.assignee else { return "skipped: the deal has no owner" }
                    let made = try await tasks.create(
                        userID: owner, contactIDs: contactIDs, type: spec.type,
                        dueAt: event.occurredAt.addingTimeInterval(spec.dueInDays * 86_400), priority: nil, title: spec.title,
                        note: spec.note, actor: .system)
                    created += made.count
                    return "created \(made.count)"
                }
            }
        }
        return created
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
}
