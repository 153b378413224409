import FluentKit
import Foundation
import SQLKit

extension PhoneReveal {
    /// Moves a pending reveal to completed if it is still pending; whether this call did. Racing deliveries of one
    /// result (callback, Apollo's repeat, the poll) get one `true` between them.
    public static func claimCompletion(_ id: UUID, on database: any Database) async throws -> Bool {
        try await sql(database).raw(
            """
            UPDATE phone_reveals SET status = 'completed' WHERE id = \(bind: id) AND status = 'pending' RETURNING id
            """
        ).first() != nil
    }

    /// Moves a pending reveal to failed with `reason` if it is still pending; whether this call did.
    public static func claimFailure(_ id: UUID, reason: String, on database: any Database) async throws -> Bool {
        try await sql(database).raw(
            """
            UPDATE phone_reveals SET status = 'failed', failure_reason = \(bind: reason) WHERE id = \(bind: id) AND status = 'pending' RETURNING id
            """
        ).first() != nil
    }
}
