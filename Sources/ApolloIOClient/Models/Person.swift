import Foundation

/// An enriched person (CONTRACT §13.2), from people match and bulk match.
public struct Person: Sendable, Hashable, Codable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var name: String?
    public var linkedinUrl: String?
    public var title: String?
    public var headline: String?
    /// The person's email; nil when Apollo sent none or only its "not unlocked" placeholder.
    @UnlockedEmail public var email: String?
    public var emailStatus: String?
    public var photoUrl: String?
    public var organizationId: String?
    public var organization: ApolloOrganization?
    public var employmentHistory: [EmploymentHistory]?
    public var city: String?
    public var state: String?
    public var country: String?
    public var departments: [String]?
    public var subdepartments: [String]?
    public var functions: [String]?
    public var seniority: String?
    public var revealedForCurrentTeam: Bool?
    public var contactId: String?
    public var personalEmails: [String]?
    public var phoneNumbers: [PhoneNumber]?
}

/// One job in a person's history.
public struct EmploymentHistory: Sendable, Hashable, Codable {
    public var id: String?
    public var current: Bool?
    public var organizationId: String?
    public var organizationName: String?
    public var title: String?
    public var startDate: String?
    public var endDate: String?
}

/// A phone number on a contact or person (synchronous responses use `type`/`status`).
public struct PhoneNumber: Sendable, Hashable, Codable {
    public var rawNumber: String?
    public var sanitizedNumber: String?
    public var type: String?
    public var position: Int?
    public var status: String?
}
