import Foundation

/// An Apollo task (CONTRACT §13.7).
public struct ApolloTask: Sendable, Hashable, Codable {
    public var id: String
    public var userId: String?
    public var contactId: String?
    public var accountId: String?
    public var opportunityId: String?
    public var type: String?
    public var priority: String?
    public var status: String?
    public var title: String?
    public var note: String?
    public var dueAt: Date?
    public var createdAt: Date?
}

/// `{"task": …}`.
public struct TaskEnvelope: Sendable, Hashable, Decodable {
    public var task: ApolloTask
}

/// `{"success": true, "tasks": […]}`.
public struct TaskBulkCreateResult: Sendable, Hashable, Decodable {
    public var success: Bool?
    public var tasks: [ApolloTask]?
}

/// A page of tasks.
public struct TaskSearchPage: Sendable, Hashable, Decodable {
    public var tasks: [ApolloTask]
    public var pagination: Pagination?
}
