import Foundation

/// Filters of `POST /emailer_campaigns/search`.
public struct SequenceSearchRequest: Sendable, Hashable, Codable {
    public var qName: String?
    public var page: Int?
    public var perPage: Int?

    public init(qName: String? = nil, page: Int? = nil, perPage: Int? = nil) {
        self.qName = qName
        self.page = page
        self.perPage = perPage
    }
}

/// Adding contacts to a sequence (CONTRACT §10.2); the client fills `emailer_campaign_id` from the path.
public struct AddContactsToSequenceRequest: Sendable, Hashable, Codable {
    public var contactIds: [String]
    public var sendEmailFromEmailAccountId: String
    /// `paused` or `active`.
    public var status: String?
    public var userId: String?
    public var sequenceActiveInOtherCampaigns: Bool?
    public var sequenceFinishedInOtherCampaigns: Bool?
    public var sequenceNoEmail: Bool?
    public var sequenceUnverifiedEmail: Bool?
    var emailerCampaignId: String?

    public init(
        contactIds: [String], sendEmailFromEmailAccountId: String, status: String? = nil, userId: String? = nil,
        sequenceActiveInOtherCampaigns: Bool? = nil, sequenceFinishedInOtherCampaigns: Bool? = nil,
        sequenceNoEmail: Bool? = nil, sequenceUnverifiedEmail: Bool? = nil
    ) {
        self.contactIds = contactIds
        self.sendEmailFromEmailAccountId = sendEmailFromEmailAccountId
        self.status = status
        self.userId = userId
        self.sequenceActiveInOtherCampaigns = sequenceActiveInOtherCampaigns
        self.sequenceFinishedInOtherCampaigns = sequenceFinishedInOtherCampaigns
        self.sequenceNoEmail = sequenceNoEmail
        self.sequenceUnverifiedEmail = sequenceUnverifiedEmail
    }
}

/// Removing, stopping or finishing contacts in sequences (CONTRACT §10.3).
public struct RemoveOrStopContactsRequest: Sendable, Hashable, Codable {
    /// What happens to the contacts.
    public enum Mode: String, Sendable, Codable {
        case markAsFinished = "mark_as_finished"
        case remove, stop
    }

    public var emailerCampaignIds: [String]
    public var contactIds: [String]
    public var mode: Mode

    public init(emailerCampaignIds: [String], contactIds: [String], mode: Mode) {
        self.emailerCampaignIds = emailerCampaignIds
        self.contactIds = contactIds
        self.mode = mode
    }
}

/// One task to create (CONTRACT §11): `user_id`, `contact_id`, `type`, `status` and `due_at` are required by Apollo.
public struct TaskInput: Sendable, Hashable, Codable {
    public var userId: String
    public var contactId: String
    public var type: String
    public var status: String
    public var dueAt: Date
    public var priority: String?
    public var title: String?
    public var note: String?

    public init(
        userId: String, contactId: String, type: String, status: String = "scheduled", dueAt: Date,
        priority: String? = nil, title: String? = nil, note: String? = nil
    ) {
        self.userId = userId
        self.contactId = contactId
        self.type = type
        self.status = status
        self.dueAt = dueAt
        self.priority = priority
        self.title = title
        self.note = note
    }
}

/// One task per contact, all alike (`POST /tasks/bulk_create`).
public struct TaskBulkCreateRequest: Sendable, Hashable, Codable {
    public var userId: String
    public var contactIds: [String]
    public var type: String
    public var status: String
    public var dueAt: Date
    public var priority: String?
    public var note: String?

    public init(
        userId: String, contactIds: [String], type: String, status: String = "scheduled", dueAt: Date,
        priority: String? = nil, note: String? = nil
    ) {
        self.userId = userId
        self.contactIds = contactIds
        self.type = type
        self.status = status
        self.dueAt = dueAt
        self.priority = priority
        self.note = note
    }
}

/// Filters, sorting and paging of `POST /tasks/search`. The contact, user and keyword filters are those Apollo's own
/// CLI sends (CONTRACT §11, S-CLI).
public struct TaskSearchRequest: Sendable, Hashable, Codable {
    /// `task_due_at` or `task_priority`.
    public var sortByField: String?
    public var contactId: String?
    public var userId: String?
    /// Words of the task's title or note.
    public var qKeywords: String?
    public var page: Int?
    public var perPage: Int?

    public init(
        sortByField: String? = nil, contactId: String? = nil, userId: String? = nil, qKeywords: String? = nil, page: Int? = nil,
        perPage: Int? = nil
    ) {
        self.sortByField = sortByField
        self.contactId = contactId
        self.userId = userId
        self.qKeywords = qKeywords
        self.page = page
        self.perPage = perPage
    }
}
