import Foundation
import JobQueue

/// `automation.create_task` (the reference's TaskCreatorJob): creates one task of a stage rule for one contact of the
/// deal, exactly once (``TaskCreation``). Stage-change handling enqueues it, one per contact and task of a rule.
public struct TaskCreatorJob: ProspectorJob {
    public static let kind = "automation.create_task"
    public static let queue = QueueName.automation
    public static let maxAttempts = 10

    public struct Payload: Codable, Sendable, Equatable {
        public var eventId: UUID
        /// `task:<rule>:<task>:<contact>`, unique within the event.
        public var actionKey: String
        public var userId: String
        public var contactId: String
        public var type: String
        public var dueAt: Date
        public var title: String?
        public var note: String?

        public init(
            eventId: UUID, actionKey: String, userId: String, contactId: String, type: String, dueAt: Date, title: String?, note: String?
        ) {
            self.eventId = eventId
            self.actionKey = actionKey
            self.userId = userId
            self.contactId = contactId
            self.type = type
            self.dueAt = dueAt
            self.title = title
            self.note = note
        }
    }

    /// The job's result.
    public struct Outcome: Codable, Sendable, Equatable {
        /// Nil when the task was skipped.
        public var taskId: String?
        /// False when an earlier run had already created it.
        public var created: Bool
        /// Why no task was created (the contact is suppressed), when so.
        public var skipped: String?
    }

    let creation: TaskCreation

    public init(creation: TaskCreation) { self.creation = creation }

    public static func uniqueKey(for payload: Payload) -> String? { "task:\(payload.eventId.uuidString):\(payload.actionKey)" }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        do {
            let (taskID, created) = try await creation.create(payload)
            return try .complete(encoding: Outcome(taskId: taskID, created: created))
        } catch ServiceError.suppressed(let reason) {
            return try .complete(encoding: Outcome(taskId: nil, created: false, skipped: reason))
        }
    }
}
