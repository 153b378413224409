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
    @Test func stageChange_createsTheRulesTasksOnce_evenWhenTheEventIsDeliveredTwice() async throws {
        let size = DatasetSize(people: 300, organizations: 20, contacts: 40, accounts: 10, opportunities: 10)
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: size)) { server, client in
            try await TestDatabase.withDatabase { database in
                let sync = SyncService(client: client, database: database)
                _ = try await sync.run(.contacts)
                _ = try await sync.run(.deals)
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
                #expect(try await automation.applyStageChange(eventID: try event.requireID()) == 2, "one task per contact of the deal")
                #expect(await server.engine.snapshot().tasks.count == tasksBefore + 2)

                // The same event again (re-delivered, or the job retried), and a re-run of the sync: no second task.
                event.dispatchedAt = nil
                try await event.save(on: database)
                _ = try await automation.dispatch()
                #expect(try await automation.applyStageChange(eventID: try event.requireID()) == 0)
                _ = try await sync.run(.deals)
                _ = try await automation.dispatch()
                #expect(await server.engine.snapshot().tasks.count == tasksBefore + 2)
                let actions = try await AutomationAction.query(on: database).sort(\.$actionKey).all()
                #expect(actions.map(\.actionKey) == ["sequence:0", "tasks:0:0"])
                #expect(actions.last?.outcome == "created 2")
                #expect(actions.first?.outcome?.hasPrefix("added ") == true)
                #expect(await server.engine.callCount(route: ApolloEndpoint.sequenceAddContacts(sequence).route) == 1, "added to the sequence once")
            }
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
