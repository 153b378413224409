import Foundation

/// A contact or account stage (CONTRACT §8.8, §13.9).
public struct Stage: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var displayName: String?
    public var displayOrder: Double?
    public var category: String?
}

/// `{"contact_stages": […]}`.
public struct ContactStageList: Sendable, Hashable, Decodable {
    public var contactStages: [Stage]
}

/// `{"account_stages": […]}`.
public struct AccountStageList: Sendable, Hashable, Decodable {
    public var accountStages: [Stage]
}
