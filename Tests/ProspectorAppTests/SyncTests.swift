import ApolloIOClient
import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// The CRM sync against the simulator, whose controls change its data between runs; on the run's engine.
@Suite struct SyncTests {
    private func withSync(
        _ size: DatasetSize, displayLimitPages: Int = 500, plan: PlanProfile = .basic,
        _ body: (SimulatorServer, SyncService, any Database) async throws -> Void
    ) async throws {
        try await withSync(size, displayLimitPages: displayLimitPages, plan: plan) { server, sync, database, _ in
            try await body(server, sync, database)
        }
    }

    /// A plan whose limits a test's few hundred searches never reach (pacing is the governor's, tested elsewhere).
    private static let roomyPlan = PlanProfile(
        name: "custom", paid: true, standard: WindowLimits(minute: 10_000, hour: 10_000, day: 100_000), enrichment: PlanProfile.basic.enrichment,
        bulkEnrichment: PlanProfile.basic.bulkEnrichment, search: PlanProfile.basic.search)

    private func withSync(
        _ size: DatasetSize, displayLimitPages: Int = 500, plan: PlanProfile = .basic,
        _ body: (SimulatorServer, SyncService, any Database, ApolloClient) async throws -> Void
    ) async throws {
        var configuration = SimulatorConfiguration(size: size)
        configuration.displayLimitPages = displayLimitPages
        configuration.plan = plan
        try await SimulatorHarness.withSimulator(configuration) { server, client in
            try await TestDatabase.withDatabase { database in
                try await body(server, SyncService(client: client, database: database, displayLimitPages: displayLimitPages), database, client)
            }
        }
    }

    private func events(_ type: String, _ database: any Database) async throws -> [DomainEvent] {
        try await DomainEvent.query(on: database).filter(\.$type == type).all()
    }

    @Test func incrementalSync_picksUpExactlyTheChangedRecords() async throws {
        try await withSync(DatasetSize(people: 400, organizations: 40, contacts: 150, accounts: 30, opportunities: 20)) { server, sync, database in
            let first = try await sync.run(.contacts)
            #expect(first.mode == "full" && first.complete && first.counts.created == 150)
            #expect(try await events("contact.created", database).count == 150)
            let changed = await server.engine.snapshot().contacts.prefix(3).map(\.id)
            for id in changed { #expect(await server.engine.mutateContact(id: id, fields: ["title": .string("Chief Sync Officer")])) }
            let callsBefore = await server.engine.callCount(route: ApolloEndpoint.contactSearch.route)
            let second = try await sync.run(.contacts)
            #expect(second.mode == "incremental")
            #expect(second.counts.updated == 3 && second.counts.created == 0)
            #expect(await server.engine.callCount(route: ApolloEndpoint.contactSearch.route) - callsBefore == 1, "one page holds every change")
            let updated = try await events("contact.updated", database)
            #expect(Set(updated.map(\.entityID)) == Set(changed))
            let stored = try await Contact.query(on: database).filter(\.$apolloID == changed[0]).first()
            #expect(stored?.title == "Chief Sync Officer")
            let third = try await sync.run(.contacts)
            #expect(third.counts.updated == 0 && third.counts.created == 0, "nothing changed, nothing written")
        }
    }

    @Test func dealSync_diffsAndEmitsOneStageChange() async throws {
        try await withSync(DatasetSize(people: 200, organizations: 20, contacts: 20, accounts: 10, opportunities: 30)) {
            server, sync, database, client in
            _ = try await sync.run(.deals)
            #expect(try await events("deal.created", database).count == 30)
            let data = await server.engine.snapshot()
            let deal = try #require(data.opportunities.first)
            let target = try #require(data.opportunityStages.first { $0.id != deal.stageID }?.id)
            #expect(await server.engine.moveOpportunity(id: deal.id, toStage: target))
            let report = try await sync.run(.deals)
            #expect(report.counts.updated == 1)
            let changes = try await events("deal.stage_changed", database)
            #expect(changes.count == 1 && changes.first?.entityID == deal.id)
            #expect(changes.first?.payload.contains(target) == true)
            _ = try await sync.run(.deals)
            #expect(try await events("deal.stage_changed", database).count == 1, "a re-run changes nothing and emits nothing")
            // Another change (the amount) is that change alone, not a stage change as well.
            let other = try #require(data.opportunities.last)
            _ = try await client.updateOpportunity(id: other.id, OpportunityInput(amount: "777"))
            _ = try await sync.run(.deals)
            #expect(try await events("deal.amount_changed", database).map(\.entityID) == [other.id])
            #expect(try await events("deal.stage_changed", database).count == 1)
        }
    }

    @Test func pastTheDisplayLimit_theFullSyncSlicesByStage_andIsComplete() async throws {
        // Apollo's limit is 500 pages; the simulator and the sync are given 2 here, so 600 contacts need slicing.
        try await withSync(DatasetSize(people: 800, organizations: 40, contacts: 600, accounts: 10, opportunities: 5), displayLimitPages: 2) {
            _, sync, database in
            let report = try await sync.run(.contacts, full: true)
            #expect(report.complete)
            #expect(report.counts.created == 600)
            #expect(try await Contact.query(on: database).count() == 600)
        }
    }

    @Test func upToTwiceTheDisplayLimit_theFullSyncReadsBothEndsOfTheCreatedOrder() async throws {
        // Display limit 2 pages (200): 350 contacts are read as the newest 200 and the oldest 150 (+ one page of overlap).
        try await withSync(DatasetSize(people: 500, organizations: 40, contacts: 350, accounts: 10, opportunities: 5), displayLimitPages: 2) {
            server, sync, database in
            let report = try await sync.run(.contacts, full: true)
            #expect(report.complete && report.counts.created == 350)
            #expect(try await Contact.query(on: database).count() == 350)
            #expect(await server.engine.callCount(route: "api/v1/contacts/search") == 1 + 2 + 2 + 1, "count, newest end, oldest end, recount")
        }
    }

    @Test func sixtyThousandContacts_pastApollosRealDisplayLimit_areSyncedCompletely() async throws {
        // Apollo's own limit (500 pages of 100): 60,000 contacts need slicing; the run reads both ends of the created order.
        try await withSync(DatasetSize(people: 60_000, organizations: 500, contacts: 60_000, accounts: 10, opportunities: 5), plan: Self.roomyPlan) {
            server, sync, database in
            let report = try await sync.run(.contacts, full: true)
            #expect(report.complete && report.counts.created == 60_000)
            #expect(try await Contact.query(on: database).count() == 60_000)
            let calls = await server.engine.callCount(route: "api/v1/contacts/search")
            #expect(calls == 1 + 500 + 101 + 1, "count, the newest 50,000, the oldest 10,000 and a page of overlap, recount")
        }
    }

    @Test func contactsInNoStage_makeASlicedRunIncomplete_soItDeletesNothing() async throws {
        try await withSync(DatasetSize(people: 800, organizations: 40, contacts: 600, accounts: 10, opportunities: 5), displayLimitPages: 2) {
            server, sync, database in
            #expect(try await sync.run(.contacts, full: true).complete)
            let contacts = await server.engine.snapshot().contacts
            for contact in contacts.prefix(3) { #expect(await server.engine.mutateContact(id: contact.id, fields: ["contact_stage_id": .null])) }
            _ = await server.engine.deleteRecord(kind: "contacts", id: contacts[10].id)
            let report = try await sync.run(.contacts, full: true)
            #expect(!report.complete, "three stageless contacts are out of every stage slice")
            #expect(report.counts.deleted == 0, "an incomplete run concludes nothing, not even the real deletion")
            #expect(try await Contact.query(on: database).count() == 600)
        }
    }

    @Test func aPersonEnrichedAndSyncedAsACRMContact_isOneContact_inEitherOrder() async throws {
        try await withSync(DatasetSize(people: 300, organizations: 20, contacts: 40, accounts: 10, opportunities: 5)) {
            server, sync, database, client in
            let contacts = await server.engine.snapshot().contacts.filter { $0.email != nil }
            let mirroring = ApolloMirroring()
            // Enriched first, synced after: the sync adopts the enriched row.
            let first = try #require(try await client.matchPerson(PersonIdentity(email: contacts[0].email)).value.person)
            let enriched = try await mirroring.store(first, actor: .system, on: database)
            #expect(try await sync.run(.contacts, full: true).complete)
            let adopted = try #require(try await Contact.find(enriched.id, on: database))
            #expect(adopted.apolloID == contacts[0].id && adopted.source == "crm" && adopted.enrichedAt != nil)
            #expect(try await Contact.query(on: database).count() == 40)
            // Synced first, enriched after: enrichment adds to the CRM contact.
            let second = try #require(try await client.matchPerson(PersonIdentity(email: contacts[1].email)).value.person)
            let stored = try await mirroring.store(second, actor: .system, on: database)
            #expect(stored.apolloID == contacts[1].id && stored.source == "crm" && stored.enrichedAt != nil)
            #expect(try await Contact.query(on: database).count() == 40)
            #expect(try await sync.run(.contacts, full: true).counts.created == 0)

            // Apollo keeps two contacts with one email unless asked to dedupe: both are synced, the email stored once.
            var duplicate = ContactInput()
            duplicate.firstName = "Second"
            duplicate.email = contacts[2].email
            _ = try await client.createContact(duplicate)
            let report = try await sync.run(.contacts, full: true)
            #expect(report.complete && report.counts.created == 1)
            let holders = try await Contact.query(on: database).filter(\.$email == contacts[2].email!.lowercased()).count()
            let total = try await Contact.query(on: database).count()
            #expect(holders == 1 && total == 41)
        }
    }

    @Test func aSyncThatDiesMidway_resumesFromItsCheckpoint_withoutDuplicates() async throws {
        try await withSync(DatasetSize(people: 700, organizations: 40, contacts: 500, accounts: 10, opportunities: 5)) { server, sync, database in
            let route = ApolloEndpoint.contactSearch.route
            let saboteur = Task {
                while await server.engine.callCount(route: route, status: 200) < 3 { try await Task.sleep(for: .milliseconds(2)) }
                await server.engine.startOutage(seconds: 3_600)
            }
            await #expect(throws: ApolloError.self) { _ = try await sync.run(.contacts, full: true) }
            try await saboteur.value
            let stored = try await Contact.query(on: database).count()
            #expect(stored > 0 && stored < 500, "the first run stopped part way: \(stored)")
            await server.engine.setFaults(FaultSettings())
            let before = await server.engine.callCount(route: route, status: 200)
            let report = try await sync.run(.contacts, full: true)
            #expect(report.resumed)
            #expect(report.counts.created == 500 && report.counts.pages == 5)
            let reread = await server.engine.callCount(route: route, status: 200) - before
            #expect(reread == 5 - (stored / 100), "only the pages not stored were read again: \(reread)")
            #expect(try await Contact.query(on: database).count() == 500)
            #expect(try await events("contact.created", database).count == 500, "no record was created twice")
        }
    }

    @Test func twoRunsOfOneObject_neverOverlap() async throws {
        try await withSync(DatasetSize(people: 300, organizations: 20, contacts: 200, accounts: 10, opportunities: 5)) { server, sync, database in
            var faults = FaultSettings()
            faults.latencyMilliseconds = 200
            await server.engine.setFaults(faults)
            async let first = sync.run(.contacts)
            // The first run holds the object from its claim until it ends (a page takes 200 ms at least).
            try await waitUntil { try await SyncCursor.query(on: database).filter(\.$object == "contacts").first()?.runningSince != nil }
            await #expect(throws: SyncError.alreadyRunning(.contacts)) { _ = try await sync.run(.contacts) }
            #expect(try await first.counts.created == 200)
        }
    }

    @Test func aCompleteFullRun_softDeletesWhatApolloNoLongerHas_andAFailedOneDeletesNothing() async throws {
        try await withSync(DatasetSize(people: 300, organizations: 20, contacts: 120, accounts: 10, opportunities: 8)) { server, sync, database in
            _ = try await sync.run(.contacts)
            _ = try await sync.run(.deals)
            // A person we enriched shares the table but is not a CRM contact: never found "deleted" by the sync.
            let enriched = Contact()
            enriched.apolloID = "person-enriched-1"
            enriched.departments = []
            enriched.phoneNumbers = []
            enriched.source = "enrichment"
            try await enriched.create(on: database)
            let data = await server.engine.snapshot()
            let goneContacts = data.contacts.prefix(2).map(\.id)
            let goneDeal = try #require(data.opportunities.first?.id)
            for id in goneContacts { #expect(await server.engine.deleteRecord(kind: "contacts", id: id)) }
            #expect(await server.engine.deleteRecord(kind: "opportunities", id: goneDeal))

            // A full run that cannot finish (Apollo fails half way) concludes nothing.
            let route = ApolloEndpoint.contactSearch.route
            let saboteur = Task {
                let start = await server.engine.callCount(route: route, status: 200)
                while await server.engine.callCount(route: route, status: 200) < start + 1 { try await Task.sleep(for: .milliseconds(2)) }
                await server.engine.startOutage(seconds: 3_600)
            }
            await #expect(throws: ApolloError.self) { _ = try await sync.run(.contacts, full: true) }
            try await saboteur.value
            #expect(try await Contact.query(on: database).count() == 121)
            await server.engine.setFaults(FaultSettings())

            let contacts = try await sync.run(.contacts, full: true)
            #expect(contacts.complete && contacts.counts.deleted == 2)
            #expect(try await Contact.query(on: database).count() == 119, "118 CRM contacts and the enriched person")
            #expect(try await Contact.query(on: database).withDeleted().filter(\.$apolloID == goneContacts[0]).first()?.deletedAt != nil)
            let deals = try await sync.run(.deals)
            #expect(deals.counts.deleted == 1)
            let deletions = try await events("record.deleted", database)
            #expect(Set(deletions.map(\.entityID)) == Set(goneContacts + [goneDeal]))
            #expect(try await sync.run(.contacts, full: true).counts.deleted == 0, "a deletion is recorded once")
        }
    }
}
