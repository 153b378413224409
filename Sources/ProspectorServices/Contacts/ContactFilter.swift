import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// Which stored contacts a listing wants.
public struct ContactFilter: Sendable, Equatable {
    public var email: String?
    public var organizationID: UUID?
    public var title: String?

    public init(email: String? = nil, organizationID: UUID? = nil, title: String? = nil) {
        self.email = email
        self.organizationID = organizationID
        self.title = title
    }
}

/// One page of contacts and the cursor of the next (nil on the last page).
public struct ContactPage: Sendable {
    public var contacts: [Contact]
    public var nextCursor: UUID?
}
