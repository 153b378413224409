import Fluent
import Foundation
import ProspectorData
import TestSupport
import Testing

/// The schema and its query helpers on the engine of this run.
@Suite struct ModelTests {
    @Test func contactUpsert_isIdempotent_andReportsWhatChanged() async throws {
        try await TestDatabase.withDatabase { database in
            func apply(title: String) -> (Contact) -> Void {
                { contact in
                    contact.email = "ada@analytical.test"
                    contact.firstName = "Ada"
                    contact.title = title
                    contact.departments = ["master_engineering_technical"]
                }
            }
            let first = try await Contact.upsert(apolloID: "5e66b6381e05b4008c8331b8", on: database, apply: apply(title: "CTO"))
            let second = try await Contact.upsert(apolloID: "5e66b6381e05b4008c8331b8", on: database, apply: apply(title: "CTO"))
            let third = try await Contact.upsert(apolloID: "5e66b6381e05b4008c8331b8", on: database, apply: apply(title: "CEO"))
            #expect([first.outcome, second.outcome, third.outcome] == [.created, .unchanged, .updated])
            #expect(try await Contact.query(on: database).count() == 1)
            #expect(try await Contact.query(on: database).first()?.title == "CEO")
            #expect(try await Contact.query(on: database).first()?.departments == ["master_engineering_technical"])
        }
    }

    @Test func concurrentUpserts_ofOneApolloID_leaveOneRow() async throws {
        try await TestDatabase.withDatabase { database in
            let outcomes = try await withThrowingTaskGroup(of: UpsertOutcome.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await Organization.upsert(apolloID: "org-1", on: database) { $0.name = "Acme \(index % 2)" }.outcome
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .created }.count == 1)
            #expect(try await Organization.query(on: database).count() == 1)
        }
    }

    @Test func uniqueEmailAndDomain_areEnforced_domainsAreNormalized() async throws {
        try await TestDatabase.withDatabase { database in
            try await Contact(email: " Ada@Analytical.TEST ").create(on: database)
            #expect(try await Contact.query(on: database).first()?.email == "ada@analytical.test")
            await #expect(throws: (any Error).self) { try await Contact(email: "ada@analytical.test").create(on: database) }
            try await Organization(primaryDomain: "https://www.Acme.com/about", name: "Acme").create(on: database)
            #expect(try await Organization.query(on: database).first()?.primaryDomain == "acme.com")
            await #expect(throws: (any Error).self) { try await Organization(primaryDomain: "acme.com", name: "Acme again").create(on: database) }
        }
    }

    @Test func deals_withStageOrganizationAndContacts_contactsSoftDelete() async throws {
        try await TestDatabase.withDatabase { database in
            let organization = Organization(apolloID: "o1", primaryDomain: "zeta.test", name: "Zeta")
            try await organization.create(on: database)
            let stage = DealStage(apolloID: "s1", name: "Demo", displayOrder: 2)
            try await stage.create(on: database)
            let deal = Deal(apolloID: "d1", name: "Zeta expansion")
            deal.amount = 25_000
            deal.$stage.id = stage.id
            deal.$organization.id = organization.id
            try await deal.create(on: database)
            let ada = Contact(apolloID: "c1", email: "ada@zeta.test")
            ada.$organization.id = organization.id
            try await ada.create(on: database)
            try await deal.$contacts.attach(ada, on: database)
            let loaded = try #require(try await Deal.query(on: database).with(\.$stage).with(\.$contacts).first())
            #expect(loaded.stage?.name == "Demo")
            #expect(loaded.contacts.map(\.email) == ["ada@zeta.test"])
            try await ada.delete(on: database)
            #expect(try await Contact.query(on: database).count() == 0)
            #expect(try await Contact.query(on: database).withDeleted().first()?.deletedAt != nil)
            let restored = try await Contact.upsert(apolloID: "c1", on: database) { $0.title = "Back" }
            #expect(restored.outcome == .updated)
            #expect(try await Contact.query(on: database).count() == 1)
        }
    }

    @Test func auditLogLedgerAttemptsAndCursors_roundTrip() async throws {
        try await TestDatabase.withDatabase { database in
            try await AuditLog(
                actorType: .apiKey, actorID: "key-1", action: "deal.update", entityType: "deal", entityID: "d1",
                before: #"{"stage":"Demo"}"#, after: #"{"stage":"Proposal"}"#, requestID: "req-1"
            ).create(on: database)
            try await AuditLog(actorType: .job, actorID: "42", action: "contact.enrich", entityType: "contact", entityID: "c1").create(on: database)
            let trail = try await AuditLog.query(on: database).filter(\.$entityType == "deal").filter(\.$entityID == "d1").all()
            #expect(trail.map(\.actorType) == [.apiKey])
            #expect(trail.first?.after == #"{"stage":"Proposal"}"#)

            let key = "email:ada@zeta.test"
            try await EnrichmentAttempt(subject: "person", identityKey: key, outcome: .matched, apolloID: "p1", creditsCharged: 1).create(
                on: database)
            let recent = try await EnrichmentAttempt.query(on: database).filter(\.$identityKey == key)
                .filter(\.$attemptedAt >= Date().addingTimeInterval(-90 * 86_400)).first()
            #expect(recent?.outcome == .matched)

            try await CreditLedgerEntry(endpoint: "api/v1/people/match", records: 1, credits: 1).create(on: database)
            try await CreditLedgerEntry(endpoint: "api/v1/people/bulk_match", records: 10, credits: 7.5).create(on: database)
            let spent = try await CreditLedgerEntry.query(on: database).sum(\.$credits)
            #expect(spent == 8.5)

            let cursor = SyncCursor(object: "contacts")
            cursor.watermark = Date(timeIntervalSince1970: 1_780_000_000)
            try await cursor.create(on: database)
            await #expect(throws: (any Error).self) { try await SyncCursor(object: "contacts").create(on: database) }
            #expect(try await SyncCursor.query(on: database).first()?.watermark == Date(timeIntervalSince1970: 1_780_000_000))
        }
    }
}
