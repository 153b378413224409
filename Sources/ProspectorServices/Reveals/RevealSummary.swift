import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// What the audit log and the API show of a reveal.
public struct RevealSummary: Codable, Sendable {
    public var id: UUID?
    public var kind: PhoneReveal.Kind
    public var status: PhoneReveal.Status
    public var apolloRequestId: String?
    public var contactIds: [UUID]
    public var creditsReserved: Double
    public var creditsConsumed: Double?
    public var deliveredVia: PhoneReveal.Delivery?
    public var phonesFound: Int
    public var emailsFound: Int
    public var failureReason: String?
    public var requestedAt: Date?
    public var completedAt: Date?

    public init(_ reveal: PhoneReveal) {
        id = reveal.id
        kind = reveal.kind
        status = reveal.status
        apolloRequestId = reveal.apolloRequestID.map(String.init)
        contactIds = reveal.contactIDs
        creditsReserved = reveal.creditsReserved
        creditsConsumed = reveal.creditsConsumed
        deliveredVia = reveal.deliveredVia
        phonesFound = reveal.phonesFound
        emailsFound = reveal.emailsFound
        failureReason = reveal.failureReason
        requestedAt = reveal.createdAt
        completedAt = reveal.completedAt
    }
}
