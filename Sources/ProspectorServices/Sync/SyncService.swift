import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// Mirrors Apollo's contacts, accounts and deals into our database.
///
/// Contacts and accounts are read newest-updated first and the run stops at the stored watermark (incremental), or
/// read completely (full); past Apollo's 50,000-record display limit a full run slices the query (``slices(_:)``). Deals
/// have no updated-at sort in Apollo, so every run reads them all and diffs. The position is saved after each page:
/// a crashed run resumes where it stopped. Two runs of one object never overlap (`sync_cursors.running_since`).
public struct SyncService: Sendable {
    static let perPage = 100

    let client: ApolloClient
    let database: any Database
    let mirroring: CRMMirroring
    /// Pages of 100 Apollo lets a search reach (its 50,000-record display limit).
    let maxPages: Int
    /// Contacts never stored (an erased person comes back from Apollo unchanged; nil: no list).
    let suppressions: SuppressionList?

    public init(
        client: ApolloClient, database: any Database, mirroring: CRMMirroring = CRMMirroring(), displayLimitPages: Int = 500,
        suppressions: SuppressionList? = nil
    ) {
        self.client = client
        self.database = database
        self.mirroring = mirroring
        self.maxPages = displayLimitPages
        self.suppressions = suppressions
    }

    public func run(_ object: SyncObject, full: Bool = false) async throws -> SyncReport {
        let cursor = try await claim(object)
        do {
            let report = try await run(object, full: full, cursor: cursor)
            cursor.checkpoint = nil
            cursor.watermark = report.watermark
            cursor.lastStatus = report.complete ? "ok" : "incomplete"
            cursor.lastCounts = String(decoding: try JSONEncoder().encode(report.counts), as: UTF8.self)
            cursor.lastError = nil
            cursor.lastRunAt = Date()
            cursor.runningSince = nil
            try await cursor.save(on: database)
            return report
        } catch {
            cursor.lastStatus = "failed"
            cursor.lastError = "\(error)"
            cursor.lastRunAt = Date()
            cursor.runningSince = nil
            try? await cursor.save(on: database)
            throw error
        }
    }

    private func run(_ object: SyncObject, full: Bool, cursor: SyncCursor) async throws -> SyncReport {
        // Deals link their stage only when it is mirrored: the stages first (one cached call).
        if object == .deals { _ = try await StageMirroring(client: client, database: database).refresh() }
        var resumed = false
        var checkpoint: SyncCheckpoint
        if let saved = cursor.checkpoint.flatMap({ try? JSONDecoder().decode(SyncCheckpoint.self, from: Data($0.utf8)) }) {
            checkpoint = saved
            resumed = true
        } else {
            let mode = full || cursor.watermark == nil || object == .deals ? "full" : "incremental"
            checkpoint = SyncCheckpoint(
                mode: mode, slices: mode == "full" ? try await slices(object) : [.everything], slice: 0, page: 1, newest: nil,
                counts: SyncCounts())
            if mode == "full" { try await SyncSeenSet(object: object.rawValue).clear(on: database) }
        }
        let watermark = checkpoint.mode == "incremental" ? cursor.watermark : nil
        var complete = true
        while checkpoint.slice < checkpoint.slices.count {
            let slice = checkpoint.slices[checkpoint.slice]
            let page = try await fetch(object, slice: slice, page: checkpoint.page)
            let current = checkpoint
            let (next, truncated) = try await database.safeTransaction { [mirroring, suppressions] transaction in
                let advanced = try await Self.apply(
                    page, to: current, watermark: watermark, maxPages: min(slice.maxPages ?? maxPages, maxPages),
                    mirroring: mirroring, suppressions: suppressions, on: transaction)
                if current.mode == "full" { try await SyncSeenSet(object: object.rawValue).insert(page.records.map(\.id), on: transaction) }
                let saved = try await SyncCursor.query(on: transaction).filter(\.$object == object.rawValue).first()
                saved?.checkpoint = String(decoding: try JSONEncoder().encode(advanced.checkpoint), as: UTF8.self)
                try await saved?.save(on: transaction)
                return advanced
            }
            checkpoint = next
            // A sliced run reads some queries only partly by design; it is judged by its count below.
            if truncated && !checkpoint.isSliced { complete = false }
        }
        if checkpoint.mode == "full" && checkpoint.isSliced { complete = try await sawEverything(object) }
        if checkpoint.mode == "full" {
            // Only a run that enumerated everything may conclude that a record is gone.
            if complete { checkpoint.counts.deleted = try await reconcile(object) }
            try await SyncSeenSet(object: object.rawValue).clear(on: database)
        }
        let newWatermark = [cursor.watermark, checkpoint.newest].compactMap { $0 }.max()
        // An incremental run cut short (more changes than Apollo lets one query reach) would be cut short again the
        // next time: dropping the watermark makes the next run a full, sliced one.
        let kept = checkpoint.mode == "incremental" ? nil : cursor.watermark
        return SyncReport(
            object: object, mode: checkpoint.mode, counts: checkpoint.counts, complete: complete,
            watermark: complete ? newWatermark : kept, resumed: resumed)
    }

    /// Stores one page and moves the checkpoint on; `truncated` when Apollo's display limit cut the slice short.
    private static func apply(
        _ page: SyncPage, to checkpoint: SyncCheckpoint, watermark: Date?, maxPages: Int, mirroring: CRMMirroring,
        suppressions: SuppressionList?, on database: any Database
    ) async throws -> (checkpoint: SyncCheckpoint, truncated: Bool) {
        var checkpoint = checkpoint
        var reachedWatermark = false
        let contacts = page.records.compactMap { record -> ApolloContact? in
            if case .contact(let contact) = record { return contact }
            return nil
        }
        let suppressed = try await suppressions?.check(contacts.map(SuppressionSubject.init), on: database) ?? []
        let skipped = Set(zip(contacts, suppressed).compactMap { $1 == nil ? nil : $0.id })
        for record in page.records {
            if let watermark, let updated = record.updatedAt, updated < watermark {
                reachedWatermark = true
                break
            }
            if skipped.contains(record.id) {
                checkpoint.counts.suppressed += 1
                checkpoint.counts.fetched += 1
                continue
            }
            switch try await record.store(mirroring, database) {
            case .created: checkpoint.counts.created += 1
            case .updated: checkpoint.counts.updated += 1
            case .unchanged: checkpoint.counts.unchanged += 1
            }
            checkpoint.counts.fetched += 1
            if let updated = record.updatedAt, updated > (checkpoint.newest ?? .distantPast) { checkpoint.newest = updated }
        }
        checkpoint.counts.pages += 1
        // A full page may still be the last one: Apollo's total says so, which saves reading an empty page.
        let full = page.records.count == perPage
        let more = full && page.total.map { checkpoint.page * perPage < $0 } ?? full
        guard more, checkpoint.page < maxPages, !reachedWatermark else {
            let truncated = more && checkpoint.page >= maxPages && !reachedWatermark
            checkpoint.slice += 1
            checkpoint.page = 1
            return (checkpoint, truncated)
        }
        checkpoint.page += 1
        return (checkpoint, false)
    }

    /// Soft-deletes the records of `object` a complete full run did not see (contacts: only the CRM's), with a
    /// `record.deleted` event each; returns how many.
    private func reconcile(_ object: SyncObject) async throws -> Int {
        let gone = try await SyncSeenSet(object: object.rawValue).unseenStoredIDs(crmOnly: object == .contacts, on: database)
        for apolloID in gone {
            try await database.safeTransaction { [mirroring] transaction in
                switch object {
                case .contacts: try await Contact.query(on: transaction).filter(\.$apolloID == apolloID).delete()
                case .accounts: try await Account.query(on: transaction).filter(\.$apolloID == apolloID).delete()
                case .deals: try await Deal.query(on: transaction).filter(\.$apolloID == apolloID).delete()
                }
                try await mirroring.deleted(String(object.rawValue.dropLast()), apolloID: apolloID, on: transaction)
            }
        }
        return gone.count
    }

    /// Takes the object for this run, or throws ``SyncError/alreadyRunning(_:)``.
    private func claim(_ object: SyncObject) async throws -> SyncCursor {
        guard let cursor = try await SyncCursor.claim(object.rawValue, now: Date(), staleAfter: 3_600, on: database) else {
            throw SyncError.alreadyRunning(object)
        }
        return cursor
    }
}

struct SyncPage {
    var records: [SyncRecord]
    var total: Int?
}

/// One Apollo record of any synced object.
enum SyncRecord {
    case contact(ApolloContact)
    case account(ApolloAccount)
    case deal(Opportunity)

    var id: String {
        switch self {
        case .contact(let contact): contact.id
        case .account(let account): account.id
        case .deal(let deal): deal.id
        }
    }

    var updatedAt: Date? {
        switch self {
        case .contact(let contact): contact.updatedAt
        case .account(let account): account.updatedAt
        case .deal(let deal): deal.updatedAt
        }
    }

    func store(_ mirroring: CRMMirroring, _ database: any Database) async throws -> UpsertOutcome {
        switch self {
        case .contact(let contact): try await mirroring.store(contact, on: database)
        case .account(let account): try await mirroring.store(account, on: database)
        case .deal(let deal): try await mirroring.store(deal, on: database)
        }
    }
}
