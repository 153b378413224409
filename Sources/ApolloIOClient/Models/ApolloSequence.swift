import Foundation

/// A sequence, called `emailer_campaign` in the API (CONTRACT §13.8).
public struct ApolloSequence: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var active: Bool?
    public var archived: Bool?
    public var numSteps: Int?
    public var userId: String?
    public var emailerScheduleId: String?
    public var createdAt: Date?
}

/// A page of sequences.
public struct SequenceSearchPage: Sendable, Hashable, Decodable {
    public var emailerCampaigns: [ApolloSequence]
    public var pagination: Pagination?
}

/// The answer to adding contacts to a sequence, with the reason each skipped contact was left out.
public struct AddContactsToSequenceResult: Sendable, Hashable, Decodable {
    public var contacts: [ApolloContact]
    /// Contact id → Apollo's skip reason code (for example `contact_not_found`).
    public var skippedContactIds: [String: String]
    public var emailerCampaign: ApolloSequence?

    enum CodingKeys: String, CodingKey { case contacts, skippedContactIds, emailerCampaign }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contacts = try container.decodeIfPresent([ApolloContact].self, forKey: .contacts) ?? []
        // Apollo sends `{}` or `[]` when nothing was skipped.
        skippedContactIds = (try? container.decodeIfPresent([String: String].self, forKey: .skippedContactIds)) ?? [:]
        emailerCampaign = try container.decodeIfPresent(ApolloSequence.self, forKey: .emailerCampaign)
    }
}

/// `{"contacts": […]}` after removing or stopping contacts in sequences.
public struct ContactList: Sendable, Hashable, Decodable {
    public var contacts: [ApolloContact]
}
