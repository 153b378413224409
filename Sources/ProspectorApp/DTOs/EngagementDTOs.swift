import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// `POST /api/sequences/search`.
struct SequenceSearchBody: RequestBody {
    var name: String?
    var page: Int?
    var perPage: Int?

    func validate() throws(APIError) {
        try Check.text(name, "name")
        try Check.range(page, "page", 1...500)
        try Check.range(perPage, "perPage", 1...100)
    }
}

struct SequenceDTO: Content {
    var id: String
    var name: String?
    var active: Bool?
    var archived: Bool?
    var numSteps: Int?

    init(_ sequence: ApolloSequence) {
        id = sequence.id
        name = sequence.name
        active = sequence.active
        archived = sequence.archived
        numSteps = sequence.numSteps
    }
}

struct SequencesResponse: Content {
    var sequences: [SequenceDTO]
    var pagination: PaginationDTO
}

/// `POST /api/sequences/:id/contacts`: the sending email account is required; enrolment is paused unless `active`.
struct AddToSequenceBody: RequestBody {
    var contactIds: [String]
    var emailAccountId: String
    var active: Bool?

    func validate() throws(APIError) {
        guard (1...100).contains(contactIds.count) else { throw .invalid("contactIds", "must hold 1 to 100 contact ids") }
        try Check.apolloIDs(contactIds, "contactIds")
        try Check.apolloID(emailAccountId, "emailAccountId", required: true)
    }
}

struct AddedToSequenceResponse: Content {
    var added: [String]
    /// Contact id → Apollo's reason for skipping it.
    var skipped: [String: String]
    var status: String
}

/// `POST /api/sequences/remove`.
struct RemoveFromSequencesBody: RequestBody {
    var sequenceIds: [String]
    var contactIds: [String]
    /// `remove`, `stop` or `finish`.
    var mode: String

    func validate() throws(APIError) {
        guard !sequenceIds.isEmpty else { throw .invalid("sequenceIds", "must hold at least one sequence id") }
        guard !contactIds.isEmpty else { throw .invalid("contactIds", "must hold at least one contact id") }
        try Check.apolloIDs(sequenceIds, "sequenceIds")
        try Check.apolloIDs(contactIds, "contactIds")
        guard apolloMode != nil else { throw .invalid("mode", "must be remove, stop or finish") }
    }

    var apolloMode: RemoveOrStopContactsRequest.Mode? {
        switch mode {
        case "remove": .remove
        case "stop": .stop
        case "finish": .markAsFinished
        default: nil
        }
    }
}

struct RemovedFromSequencesResponse: Content {
    var contacts: [String]
    var mode: String
}

/// `POST /api/tasks`: one task per contact.
struct CreateTasksBody: RequestBody {
    var userId: String
    var contactIds: [String]
    var type: String
    /// ISO-8601 date-time.
    var dueAt: String
    var priority: String?
    var title: String?
    var note: String?

    func validate() throws(APIError) {
        try Check.apolloID(userId, "userId", required: true)
        guard (1...100).contains(contactIds.count) else { throw .invalid("contactIds", "must hold 1 to 100 contact ids") }
        try Check.apolloIDs(contactIds, "contactIds")
        guard TaskService.types.contains(type) else { throw .invalid("type", "must be one of \(TaskService.types.sorted().joined(separator: ", "))") }
        guard dueDate != nil else { throw .invalid("dueAt", "must be an ISO-8601 date-time such as 2026-12-01T09:00:00Z") }
        if let priority, !TaskService.priorities.contains(priority) { throw .invalid("priority", "must be high, medium or low") }
        try Check.text(title, "title")
        try Check.text(note, "note", max: 5_000)
    }

    var dueDate: Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: dueAt) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: dueAt)
    }
}

struct TaskDTO: Content {
    var id: String
    var userId: String?
    var contactId: String?
    var type: String?
    var priority: String?
    var status: String?
    var title: String?
    var note: String?
    var dueAt: Date?

    init(_ task: ApolloTask) {
        id = task.id
        userId = task.userId
        contactId = task.contactId
        type = task.type
        priority = task.priority
        status = task.status
        title = task.title
        note = task.note
        dueAt = task.dueAt
    }
}

struct TasksResponse: Content {
    var tasks: [TaskDTO]
    var pagination: PaginationDTO?
}
