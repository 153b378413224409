/// A teammate (CONTRACT §12.4).
public struct User: Sendable, Hashable, Codable {
    public var id: String
    public var teamId: String?
    public var firstName: String?
    public var lastName: String?
    public var name: String?
    public var email: String?
    public var title: String?
}

/// A page of users.
public struct UserSearchPage: Sendable, Hashable, Decodable {
    public var users: [User]
    public var pagination: Pagination?
}

/// A mailbox that sequences can send from (CONTRACT §12.5).
public struct EmailAccount: Sendable, Hashable, Codable {
    public var id: String
    public var userId: String?
    public var email: String?
    public var type: String?
    public var active: Bool?
    public var `default`: Bool?
}

/// `{"email_accounts": […]}`.
public struct EmailAccountList: Sendable, Hashable, Decodable {
    public var emailAccounts: [EmailAccount]
}

/// `GET /auth/health`: always 200, so only `isLoggedIn` says whether the key works (CONTRACT §2.3).
public struct AuthHealth: Sendable, Hashable, Decodable {
    public var healthy: Bool?
    public var isLoggedIn: Bool?
}
