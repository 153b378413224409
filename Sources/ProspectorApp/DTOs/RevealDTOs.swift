import Foundation
import ProspectorData
import ProspectorServices
import Vapor

/// `POST /api/reveals`: the stored contacts whose phones (or a waterfall) to ask Apollo for.
struct RevealBody: RequestBody {
    var contactIds: [UUID]
    /// `phone` (Apollo's native reveal, the default), `waterfall_phone`, `waterfall_email` or `waterfall` (both).
    var kind: String?

    func validate() throws(APIError) {
        guard (1...10).contains(contactIds.count) else { throw .invalid("contactIds", "must hold 1 to 10 contact ids (one Apollo call)") }
        if let kind, PhoneReveal.Kind(rawValue: kind) == nil {
            throw .invalid("kind", "must be one of \(PhoneReveal.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var revealKind: PhoneReveal.Kind { kind.flatMap(PhoneReveal.Kind.init(rawValue:)) ?? .phone }
}

extension RevealSummary: Content {}

struct RevealResponse: Content {
    var reveal: RevealSummary
}

struct RevealsResponse: Content {
    var reveals: [RevealSummary]
}

/// What Apollo's callback gets back.
struct CallbackAcknowledgement: Content {
    /// `applied`, or `already_applied` for a copy of a delivery taken before.
    var status: String
    var revealId: UUID
}

extension APIError {
    /// What a reveal failure means for our caller.
    static func reveal(_ error: RevealError) -> APIError {
        switch error {
        case .contactCount(let count): .invalid("contactIds", "must hold 1 to 10 contact ids, got \(count)")
        case .unknownContact(let id): APIError(.notFound, "contact \(id) does not exist", details: ["contactId": id.uuidString])
        case .unidentifiableContact(let id):
            .invalid("contactIds", "contact \(id) has neither an Apollo person id nor an email to match on")
        case .unknownCallback: APIError(.notFound, "no reveal waits at this URL")
        case .notYetAccepted: APIError(.conflict, "this reveal is still being requested; deliver again shortly", retryAfter: 5)
        case .requestMismatch(let expected, let received):
            .invalid("request_id", "this URL was given for request \(expected.map(String.init) ?? "none"), not \(received)")
        }
    }
}
