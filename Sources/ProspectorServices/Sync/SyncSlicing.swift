import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// How a full run reads a set larger than Apollo's display limit (500 pages of 100, CONTRACT §3.2). Apollo's contact
/// and account searches filter by stage and sort by creation date, but take no date range; so:
/// - a set of up to twice the limit is read from both ends of the created-at order: the newest 50,000, then the
///   oldest rest (plus a page of overlap, for records created meanwhile);
/// - a larger set is sliced by stage, each stage read whole or from both ends in the same way.
/// A sliced run is complete only if it saw at least as many distinct records as Apollo then counts; contacts in no
/// stage, or a stage past twice the limit, make it incomplete, so it concludes nothing about deletions.
extension SyncService {
    /// Pages read past the oldest end's share, absorbing records created while the newest end was read.
    static let overlapPages = 1

    func slices(_ object: SyncObject) async throws -> [SyncSlice] {
        guard object != .deals else { return [.everything] }
        let limit = Self.perPage * maxPages
        let total = try await count(object, stageID: nil)
        if total <= limit { return [.everything] }
        if total <= 2 * limit { return bothEnds(stageID: nil, total: total) }
        var slices: [SyncSlice] = []
        for stage in try await stageIDs(object) {
            let inStage = try await count(object, stageID: stage)
            if inStage == 0 { continue }
            slices += inStage <= limit ? [SyncSlice(stageID: stage, order: .updatedNewestFirst)] : bothEnds(stageID: stage, total: inStage)
        }
        return slices
    }

    private func bothEnds(stageID: String?, total: Int) -> [SyncSlice] {
        let beyondNewest = (total - Self.perPage * maxPages + Self.perPage - 1) / Self.perPage
        return [
            SyncSlice(stageID: stageID, order: .createdNewestFirst),
            SyncSlice(stageID: stageID, order: .createdOldestFirst, maxPages: min(maxPages, beyondNewest + Self.overlapPages)),
        ]
    }

    /// Whether a sliced full run saw every record Apollo counts now.
    func sawEverything(_ object: SyncObject) async throws -> Bool {
        let seen = try await SyncSeenSet(object: object.rawValue).count(on: database)
        return seen >= (try await count(object, stageID: nil))
    }

    private func count(_ object: SyncObject, stageID: String?) async throws -> Int {
        try await fetch(object, slice: SyncSlice(stageID: stageID, order: .updatedNewestFirst), page: 1, perPage: 1).total ?? 0
    }

    private func stageIDs(_ object: SyncObject) async throws -> [String] {
        try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .background)) {
            switch object {
            case .contacts: try await client.contactStages().value.contactStages.map(\.id)
            case .accounts: try await client.accountStages().value.accountStages.map(\.id)
            case .deals: []
            }
        }
    }

    func fetch(_ object: SyncObject, slice: SyncSlice, page: Int, perPage: Int = SyncService.perPage) async throws -> SyncPage {
        let ascending = slice.order == .createdOldestFirst
        let field = slice.order == .updatedNewestFirst ? "updated_at" : "created_at"
        return try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .background)) {
            switch object {
            case .contacts:
                let result = try await client.searchContacts(
                    ContactSearchRequest(
                        contactStageIds: slice.stageID.map { [$0] }, sortByField: "contact_" + field, sortAscending: ascending, page: page,
                        perPage: perPage)
                ).value
                return SyncPage(records: result.contacts.map(SyncRecord.contact), total: result.pagination?.totalEntries)
            case .accounts:
                let result = try await client.searchAccounts(
                    AccountSearchRequest(
                        accountStageIds: slice.stageID.map { [$0] }, sortByField: "account_" + field, sortAscending: ascending, page: page,
                        perPage: perPage)
                ).value
                return SyncPage(records: result.accounts.map(SyncRecord.account), total: result.pagination?.totalEntries)
            case .deals:
                let result = try await client.searchOpportunities(OpportunitySearchRequest(page: page, perPage: perPage)).value
                return SyncPage(records: result.opportunities.map(SyncRecord.deal), total: result.pagination?.totalEntries)
            }
        }
    }
}
