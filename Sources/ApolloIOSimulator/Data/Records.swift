import Foundation

/// A person in Apollo's database.
public struct SimPerson: Sendable {
    public var id: String
    public var firstName: String
    public var lastName: String
    public var title: String
    public var seniority: String
    public var departments: [String]
    public var city: String
    public var state: String
    public var country: String
    public var organizationID: String
    /// Nil when Apollo has no email for the person.
    public var email: String?
    public var linkedinURL: String
    public var mobilePhone: String?
    public var refreshedAt: Date

    public var name: String { "\(firstName) \(lastName)" }
}

/// An organization in Apollo's database.
public struct SimOrganization: Sendable {
    public var id: String
    public var name: String
    public var domain: String
    public var industry: String
    public var keywords: [String]
    public var employees: Int
    public var annualRevenue: Int
    public var foundedYear: Int
    public var city: String
    public var state: String
    public var country: String
    public var phone: String
    public var linkedinURL: String
}

/// A contact saved in the team's workspace.
public struct SimContact: Sendable {
    public var id: String
    public var personID: String?
    public var firstName: String?
    public var lastName: String?
    public var title: String?
    public var email: String?
    public var organizationName: String?
    public var organizationID: String?
    public var accountID: String?
    public var stageID: String?
    public var ownerID: String?
    public var linkedinURL: String?
    public var phone: String?
    public var labelNames: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var deleted = false
    /// Sequence id → status (`active`, `paused`, `finished`, `removed`).
    public var sequenceStatuses: [String: String] = [:]
}

/// A company saved in the team's workspace.
public struct SimAccount: Sendable {
    public var id: String
    public var name: String?
    public var domain: String?
    public var organizationID: String?
    public var stageID: String?
    public var ownerID: String?
    public var phone: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var deleted = false
}

/// A deal.
public struct SimOpportunity: Sendable {
    public var id: String
    public var name: String
    public var amount: Int?
    public var ownerID: String?
    public var accountID: String?
    public var stageID: String?
    public var closedDate: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var stageUpdatedAt: Date
    public var deleted = false
}

/// A contact, account or deal stage.
public struct SimStage: Sendable {
    public var id: String
    public var name: String
    public var order: Int
    public var category: String?
    public var probability: Int = 0
    public var isWon = false
    public var isClosed = false
}

/// A teammate, with the mailbox sequences send from.
public struct SimUser: Sendable {
    public var id: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var emailAccountID: String
    public var emailAccountActive: Bool
}

/// A sequence.
public struct SimSequence: Sendable {
    public var id: String
    public var name: String
    public var active: Bool
    public var ownerID: String
    public var numSteps: Int
    public var createdAt: Date
}

/// A task.
public struct SimTask: Sendable {
    public var id: String
    public var userID: String
    public var contactID: String
    public var type: String
    public var status: String
    public var priority: String
    public var title: String
    public var note: String?
    public var dueAt: Date
    public var createdAt: Date
}
