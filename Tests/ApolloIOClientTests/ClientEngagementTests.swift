import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The client against the simulator over real HTTP: sequences, tasks, users, usage.
@Suite struct ClientEngagementTests {
    @Test func sequences_searchAddWithSkipReasonsAndRemove() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let data = await server.engine.snapshot()
            let sequences = try await client.searchSequences(SequenceSearchRequest(qName: "outbound"))
            let sequence = try #require(sequences.value.emailerCampaigns.first)
            let mailbox = try await client.emailAccounts().value.emailAccounts.first { $0.active == true }
            let contact = try #require(data.contacts.first { $0.email != nil })
            let request = AddContactsToSequenceRequest(
                contactIds: [contact.id, "5e66b6381e05b4008c8331b8"], sendEmailFromEmailAccountId: try #require(mailbox?.id), status: "paused")
            let added = try await client.addContactsToSequence(sequenceID: sequence.id, request)
            #expect(added.value.contacts.map(\.id) == [contact.id])
            #expect(added.value.skippedContactIds == ["5e66b6381e05b4008c8331b8": "contact_not_found"])
            let again = try await client.addContactsToSequence(sequenceID: sequence.id, request)
            #expect(again.value.skippedContactIds[contact.id] == "contacts_already_exists_in_current_campaign")
            let inactive = try #require(data.users.first { !$0.emailAccountActive })
            var wrongMailbox = request
            wrongMailbox.sendEmailFromEmailAccountId = inactive.emailAccountID
            await #expect(
                throws: ApolloError.invalidRequest(status: 422, message: "These mailboxes are no longer active. \(inactive.email)", code: nil)
            ) {
                _ = try await client.addContactsToSequence(sequenceID: sequence.id, wrongMailbox)
            }
            let removed = try await client.removeOrStopContacts(
                RemoveOrStopContactsRequest(emailerCampaignIds: [sequence.id], contactIds: [contact.id], mode: .remove))
            #expect(removed.value.contacts.map(\.id) == [contact.id])
        }
    }

    @Test func tasks_createBulkAndSearch() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let data = await server.engine.snapshot()
            let due = Date(timeIntervalSince1970: 1_800_000_000)
            let single = try await client.createTask(
                TaskInput(userId: data.users[0].id, contactId: data.contacts[0].id, type: "call", dueAt: due, priority: "high"))
            #expect(single.value.task.priority == "high")
            #expect(single.value.task.dueAt == due)
            let bulk = try await client.bulkCreateTasks(
                TaskBulkCreateRequest(
                    userId: data.users[1].id, contactIds: [data.contacts[1].id, data.contacts[2].id], type: "action_item", dueAt: due))
            #expect(bulk.value.success == true)
            #expect(bulk.value.tasks?.count == 2)
            let page = try await client.searchTasks(TaskSearchRequest(sortByField: "task_priority", perPage: 10))
            #expect(page.value.tasks.count == 3)
            #expect(page.value.tasks.first?.id == single.value.task.id)
            await #expect(throws: ApolloError.invalidRequest(status: 422, message: "Type is not included in the list", code: nil)) {
                _ = try await client.createTask(TaskInput(userId: data.users[0].id, contactId: data.contacts[0].id, type: "fax", dueAt: due))
            }
        }
    }

    @Test func usersUsageAndHealth_reportTheTruth() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let users = try await client.searchUsers(PageRequest(page: 1, perPage: 3))
            #expect(users.value.users.count == 3)
            #expect(users.value.pagination?.page?.value == 1)
            #expect(users.value.pagination?.totalEntries == 5)
            let person = try #require(await server.engine.snapshot().people.first { $0.email != nil })
            _ = try await client.matchPerson(PersonIdentity(email: person.email))
            _ = try await client.contactStages()
            _ = try await client.contactStages()
            let usage = try await client.apiUsageStats().value
            #expect(usage.entry(controller: "api/v1/contact_stages", action: "index")?.minute?.consumed == 2)
            #expect(usage.entry(controller: "api/v1/people", action: "match")?.minute?.limit == 1_000)
            let credits = try await client.creditUsageStats().value
            #expect(credits.creditUsageStats["lead_credit"]?.consumed == 1)
            let answer1 = try await client.authHealth()
            #expect(answer1.value.isLoggedIn == true)
        }
    }
}
