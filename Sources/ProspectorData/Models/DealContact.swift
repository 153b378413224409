import Fluent
import Foundation

/// The contacts of a deal.
public final class DealContact: Model, @unchecked Sendable {
    public static let schema = "deal_contacts"

    @ID(key: .id) public var id: UUID?

    @Parent(key: "deal_id") public var deal: Deal
    @Parent(key: "contact_id") public var contact: Contact

    public init() {}

    public init(dealID: UUID, contactID: UUID) {
        self.$deal.id = dealID
        self.$contact.id = contactID
    }
}
