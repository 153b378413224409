import ApolloIOClient
import FluentKit
import Foundation

/// Sequences: search, add contacts (paused unless asked otherwise; Apollo's skip reasons returned), remove or stop.
public struct SequenceService: Sendable {
    let client: ApolloClient
    let database: any Database
    let audit: AuditService
    let suppressions: SuppressionList?

    public init(client: ApolloClient, database: any Database, audit: AuditService = AuditService(), suppressions: SuppressionList? = nil) {
        self.client = client
        self.database = database
        self.audit = audit
        self.suppressions = suppressions
    }

    public func search(name: String?, page: Int, perPage: Int) async throws -> (sequences: [ApolloSequence], pagination: Pagination?) {
        let result = try await client.searchSequences(SequenceSearchRequest(qName: name, page: page, perPage: perPage)).value
        return (result.emailerCampaigns, result.pagination)
    }

    /// Adds Apollo contacts to a sequence, sending from `emailAccountID`; returns who was added and who was skipped why
    /// (suppressed people are skipped here, never sent to Apollo).
    public func add(contactIDs: [String], to sequenceID: String, emailAccountID: String, active: Bool, actor: AuditActor)
        async throws -> (added: [String], skipped: [String: String])
    {
        let suppressed = try await suppressions?.check(apolloContactIDs: contactIDs, on: database) ?? [:]
        let allowed = contactIDs.filter { suppressed[$0] == nil }
        guard !allowed.isEmpty else { return ([], suppressed.mapValues(\.skipReason)) }
        let request = AddContactsToSequenceRequest(
            contactIds: allowed, sendEmailFromEmailAccountId: emailAccountID, status: active ? "active" : "paused")
        let result = try await client.addContactsToSequence(sequenceID: sequenceID, request).value
        let added = result.contacts.map(\.id).filter { result.skippedContactIds[$0] == nil }
        try await audit.record(
            "sequence.contacts_added", entityType: "sequence", entityID: sequenceID,
            after: ["added": added, "skipped": Array(result.skippedContactIds.keys).sorted(), "status": [active ? "active" : "paused"]],
            actor: actor, on: database)
        return (added, result.skippedContactIds.merging(suppressed.mapValues(\.skipReason)) { apollo, _ in apollo })
    }

    /// Removes, stops or finishes contacts in sequences.
    public func remove(contactIDs: [String], from sequenceIDs: [String], mode: RemoveOrStopContactsRequest.Mode, actor: AuditActor) async throws
        -> [String]
    {
        let result = try await client.removeOrStopContacts(
            RemoveOrStopContactsRequest(emailerCampaignIds: sequenceIDs, contactIds: contactIDs, mode: mode)
        ).value
        for sequenceID in sequenceIDs {
            try await audit.record(
                "sequence.contacts_\(mode.rawValue)", entityType: "sequence", entityID: sequenceID,
                after: ["contacts": contactIDs], actor: actor, on: database)
        }
        return result.contacts.map(\.id)
    }
}
