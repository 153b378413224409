import Foundation

/// Why a reveal could not be started or a delivery could not be taken.
public enum RevealError: Error, Sendable, Equatable {
    /// A reveal covers 1 to 10 contacts (one Apollo bulk call).
    case contactCount(Int)
    /// A contact asked about does not exist.
    case unknownContact(UUID)
    /// A contact has neither an Apollo person id nor an email to match on.
    case unidentifiableContact(UUID)
    /// No reveal has this callback URL.
    case unknownCallback
    /// The delivery arrived before Apollo's answer to the request was stored: Apollo retries it, or the poll takes it.
    case notYetAccepted
    /// The delivery names another request id than the one this URL was given to.
    case requestMismatch(expected: Int64?, received: Int64)
}
