import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// Creates one automation task in Apollo exactly once, however often its job runs.
///
/// Apollo's task API has no dedupe (CONTRACT §11), so the attempt records its intent in `automation_actions` before
/// calling Apollo and the task's id after; the task's note carries a marker naming the event and action. A run that
/// finds the intent without an id (an attempt died between Apollo's answer and the record) looks for the marker among
/// the contact's tasks in Apollo and adopts the task it finds instead of creating a second one.
public struct TaskCreation: Sendable {
    let client: ApolloClient
    let database: any Database
    let tasks: TaskService

    public init(client: ApolloClient, database: any Database, suppressions: SuppressionList? = nil) {
        self.client = client
        self.database = database
        self.tasks = TaskService(client: client, database: database, suppressions: suppressions)
    }

    /// The task's Apollo id and whether this run created it.
    public func create(_ task: TaskCreatorJob.Payload) async throws -> (taskID: String, created: Bool) {
        let marker = Self.marker(task)
        if let record = try await record(task) {
            if let taskID = record.outcome { return (taskID, false) }
            if let found = try await findInApollo(task, marker: marker) {
                record.outcome = found
                try await record.save(on: database)
                return (found, false)
            }
            return (try await createInApollo(task, marker: marker, record: record), true)
        }
        let record = AutomationAction(eventID: task.eventId, actionKey: task.actionKey)
        do {
            try await record.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another attempt is creating it right now: let this one retry and find its outcome.
            throw TaskCreationError.inProgress(task.actionKey)
        }
        return (try await createInApollo(task, marker: marker, record: record), true)
    }

    private func record(_ task: TaskCreatorJob.Payload) async throws -> AutomationAction? {
        try await AutomationAction.query(on: database).filter(\.$eventID == task.eventId).filter(\.$actionKey == task.actionKey).first()
    }

    private func createInApollo(_ task: TaskCreatorJob.Payload, marker: String, record: AutomationAction) async throws -> String {
        let note = [task.note, "(\(marker))"].compactMap { $0 }.joined(separator: "\n\n")
        let created = try await tasks.create(
            userID: task.userId, contactIDs: [task.contactId], type: task.type, dueAt: task.dueAt, priority: nil, title: task.title, note: note,
            actor: .system)
        guard let taskID = created.first?.id else { throw TaskCreationError.noTaskReturned(task.actionKey) }
        record.outcome = taskID
        try await record.save(on: database)
        return taskID
    }

    private func findInApollo(_ task: TaskCreatorJob.Payload, marker: String) async throws -> String? {
        let page = try await client.searchTasks(
            TaskSearchRequest(sortByField: "task_due_at", contactId: task.contactId, userId: task.userId, qKeywords: marker, perPage: 100))
        return page.value.tasks.first { $0.contactId == task.contactId && ($0.note ?? "").contains(marker) }?.id
    }

    /// What the task's note carries so that a later attempt can recognise it.
    public static func marker(_ task: TaskCreatorJob.Payload) -> String {
        "prospector automation \(task.eventId.uuidString.lowercased()) \(task.actionKey)"
    }
}

/// Why a task could not be created this time (the job retries).
public enum TaskCreationError: Error, Equatable, CustomStringConvertible {
    case inProgress(String)
    case noTaskReturned(String)

    public var description: String {
        switch self {
        case .inProgress(let key): "another attempt is creating task \(key)"
        case .noTaskReturned(let key): "Apollo answered without a task for \(key)"
        }
    }
}
