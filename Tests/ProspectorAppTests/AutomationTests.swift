import ApolloIOClient
import ApolloIOSimulator
import Fluent
import Foundation
import JobQueue
import ProspectorApp
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// A deal entering a stage with a rule gets its tasks in Apollo exactly once, however often the event arrives.
@Suite struct AutomationTests {
    /// A simulator with a small team (contacts, accounts, deals) and a database with its contacts and deals synced.
    private func withSyncedTeam(
        _ body: (SimulatorServer, ApolloClient, any Database, SyncService) async throws -> Void
    ) async throws {
        let size = DatasetSize(people: 300, organizations: 20, contacts: 40, accounts: 10, opportunities: 10)
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: size)) { server, client in
            try await TestDatabase.withDatabase { database in
                let sync = SyncService(client: client, database: database)
                _ = try await sync.run(.contacts)
                _ = try await sync.run(.deals)
                try await body(server, client, database, sync)
            }
        }
    }

    @Test func stageChange_createsTheRulesTasksOnce_evenWhenTheEventIsDeliveredTwice() async throws {
        try await withSyncedTeam { server, client, database, sync in
            let data = await server.engine.snapshot()
            let opportunity = try #require(data.opportunities.first { $0.ownerID != nil })
            let target = try #require(data.opportunityStages.first { $0.id != opportunity.stageID }?.id)
            let deal = try #require(try await Deal.query(on: database).filter(\.$apolloID == opportunity.id).first())
            for contact in try await Contact.query(on: database).limit(2).all() {
                try await deal.$contacts.attach(contact, on: database)
            }
            let sequence = try #require(data.sequences.first?.id)
            let mailbox = try #require(data.users.first?.emailAccountID)
            let rules = [
                StageRule(
                    stageId: target, tasks: [StageRule.TaskSpec(type: "call", title: "Kickoff call", note: nil, dueInDays: 1, assignee: "owner")],
                    sequence: StageRule.SequenceAction(id: sequence, action: "add", emailAccountId: mailbox))
            ]
            let automation = AutomationService(client: client, database: database, rules: rules)
            _ = try await automation.dispatch()  // the creation events: nothing to do for them

            #expect(await server.engine.moveOpportunity(id: opportunity.id, toStage: target))
            _ = try await sync.run(.deals)
            #expect(try await automation.dispatch() == 1)
            let store = try JobStore(database: database)
            let queued = try await store.list(queue: "automation").filter { $0.kind == StageChangeJob.kind }
            #expect(queued.count == 1)
            let event = try #require(try await DomainEvent.query(on: database).filter(\.$type == "deal.stage_changed").first())
            let tasksBefore = await server.engine.snapshot().tasks.count
            #expect(try await automation.applyStageChange(eventID: try event.requireID()) == 2, "one task job per contact of the deal")
            let creators = try await store.list(queue: "automation").filter { $0.kind == TaskCreatorJob.kind }
            #expect(creators.count == 2)

            // The same event again (re-delivered, or the job retried), and a re-run of the sync: no second task job.
            event.dispatchedAt = nil
            try await event.save(on: database)
            _ = try await automation.dispatch()
            #expect(try await automation.applyStageChange(eventID: try event.requireID()) == 0)
            _ = try await sync.run(.deals)
            _ = try await automation.dispatch()
            #expect(try await store.list(queue: "automation").filter { $0.kind == TaskCreatorJob.kind }.count == 2)

            // Each task job creates its task once, even when it runs twice.
            let creation = TaskCreation(client: client, database: database)
            let payloads = try creators.map { try JSONDecoder().decode(TaskCreatorJob.Payload.self, from: Data($0.payload.utf8)) }
            for payload in payloads {
                #expect(try await creation.create(payload).created)
                #expect(try await !creation.create(payload).created, "the second run finds the first one's task")
            }
            #expect(await server.engine.snapshot().tasks.count == tasksBefore + 2)
            let actions = try await AutomationAction.query(on: database).sort(\.$actionKey).all()
            #expect(actions.map(\.actionKey) == ["sequence:0"] + payloads.map(\.actionKey).sorted() + ["tasks:0:0"])
            #expect(actions.last?.outcome == "enqueued 2")
            #expect(actions.first?.outcome?.hasPrefix("added ") == true)
            #expect(await server.engine.callCount(route: ApolloEndpoint.sequenceAddContacts(sequence).route) == 1, "added to the sequence once")
        }
    }

    @Test func aTaskJobThatDiedAfterApollosAnswer_adoptsTheTaskInsteadOfCreatingASecond() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            try await TestDatabase.withDatabase { database in
                let data = await server.engine.snapshot()
                let contact = try #require(data.contacts.first?.id)
                let user = try #require(data.users.first?.id)
                let creation = TaskCreation(client: client, database: database)
                func payload(_ key: String) -> TaskCreatorJob.Payload {
                    TaskCreatorJob.Payload(
                        eventId: UUID(), actionKey: key, userId: user, contactId: contact, type: "call", dueAt: Date(), title: "Call", note: "Say hi")
                }
                // The first attempt recorded its intent and Apollo created the task, then the process died.
                let died = payload("task:0:0:\(contact)")
                try await AutomationAction(eventID: died.eventId, actionKey: died.actionKey).create(on: database)
                _ = try await client.createTask(
                    TaskInput(
                        userId: user, contactId: contact, type: "call", dueAt: Date(), priority: nil, title: "Call",
                        note: "Say hi\n\n(\(TaskCreation.marker(died)))"))
                let before = await server.engine.snapshot().tasks.count
                let adopted = try await creation.create(died)
                let after = await server.engine.snapshot().tasks.count
                #expect(!adopted.created && before == after)
                // Intent recorded but Apollo never got the call: the retry creates it, once.
                let lost = payload("task:0:1:\(contact)")
                try await AutomationAction(eventID: lost.eventId, actionKey: lost.actionKey).create(on: database)
                #expect(try await creation.create(lost).created)
                #expect(await server.engine.snapshot().tasks.count == before + 1)
                let made = try #require(await server.engine.snapshot().tasks.last)
                #expect(made.note?.hasPrefix("Say hi") == true && made.contactID == contact)
            }
        }
    }

    @Test func aDealCreatedInAStageWithRules_runsTheRules_asAStageEntry() async throws {
        try await withSyncedTeam { server, client, database, sync in
            let data = await server.engine.snapshot()
            let stage = try #require(data.opportunityStages.last?.id)
            let owner = try #require(data.users.first?.id)
            let contacts = try await Contact.query(on: database).filter(\.$apolloID != nil).limit(2).all().compactMap(\.apolloID)
            let rules = [
                StageRule(stageId: stage, tasks: [StageRule.TaskSpec(type: "call", title: "Welcome", note: nil, dueInDays: 2, assignee: "owner")])
            ]
            let automation = AutomationService(client: client, database: database, rules: rules)
            _ = try await automation.dispatch()  // the synced deals are old: their stages were not entered now
            #expect(try await JobStore(database: database).list(queue: "automation").isEmpty)
            let deals = DealService(client: client, database: database)
            let deal = try await deals.create(
                name: "New", amount: 100, ownerId: owner, accountId: nil, stageId: stage, contactIDs: contacts, actor: .system)
            #expect(try await automation.dispatch() == 1)
            let stageJob = try #require(try await JobStore(database: database).list(queue: "automation").first { $0.kind == StageChangeJob.kind })
            let event = try JSONDecoder().decode(StageChangeJob.Payload.self, from: Data(stageJob.payload.utf8))
            #expect(try await automation.applyStageChange(eventID: event.eventId) == contacts.count)
            let created = try await DomainEvent.find(event.eventId, on: database)
            #expect(created?.type == "deal.created" && created?.entityID == deal.id)
        }
    }

    @Test func stageRules_areCheckedAtBoot() async {
        do {
            _ = try await AppConfiguration.load(environmentVariables: [
                "STAGE_RULES": #"[{"stageId": "s", "tasks": [{"type": "fax", "dueInDays": 1, "assignee": "owner"}]}]"#
            ])
            Issue.record("a rule with an unknown task type was accepted")
        } catch {
            #expect(error.description.contains("STAGE_RULES") && error.description.contains("fax"), "\(error.description)")
        }
    }
}
