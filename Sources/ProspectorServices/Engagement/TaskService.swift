import ApolloIOClient
import FluentKit
import Foundation

/// Apollo tasks: one per contact (Apollo ties a task to a contact, CONTRACT §11), created singly or in bulk.
public struct TaskService: Sendable {
    let client: ApolloClient
    let database: any Database
    let audit: AuditService
    let suppressions: SuppressionList?

    public init(client: ApolloClient, database: any Database, audit: AuditService = AuditService(), suppressions: SuppressionList? = nil) {
        self.client = client
        self.database = database
        self.audit = audit
        self.suppressions = suppressions
    }

    /// The task types Apollo accepts.
    public static let types: Set<String> = [
        "call", "outreach_manual_email", "linkedin_step_connect", "linkedin_step_message", "linkedin_step_view_profile",
        "linkedin_step_interact_post", "action_item",
    ]
    public static let priorities: Set<String> = ["high", "medium", "low"]

    public func create(
        userID: String, contactIDs: [String], type: String, dueAt: Date, priority: String?, title: String?, note: String?,
        actor: AuditActor
    ) async throws -> [ApolloTask] {
        // A task is work on a person: a suppressed one refuses the request, naming them, before anything is created.
        let suppressed = try await suppressions?.check(apolloContactIDs: contactIDs, on: database) ?? [:]
        if let index = contactIDs.firstIndex(where: { suppressed[$0] != nil }) {
            throw ServiceError.suppressed("contactIds[\(index)]: \(suppressed[contactIDs[index]]!.skipReason)")
        }
        let tasks: [ApolloTask]
        if contactIDs.count == 1 {
            tasks = [
                try await client.createTask(
                    TaskInput(
                        userId: userID, contactId: contactIDs[0], type: type, dueAt: dueAt, priority: priority,
                        title: title, note: note)
                ).value.task
            ]
        } else {
            tasks =
                try await client.bulkCreateTasks(
                    TaskBulkCreateRequest(
                        userId: userID, contactIds: contactIDs, type: type, status: "scheduled",
                        dueAt: dueAt, priority: priority, note: note)
                ).value.tasks ?? []
        }
        for task in tasks {
            try await audit.record("task.created", entityType: "task", entityID: task.id, after: task, actor: actor, on: database)
        }
        return tasks
    }

    public func list(page: Int, perPage: Int) async throws -> (tasks: [ApolloTask], pagination: Pagination?) {
        let result = try await client.searchTasks(TaskSearchRequest(sortByField: "task_due_at", page: page, perPage: perPage)).value
        return (result.tasks, result.pagination)
    }
}
