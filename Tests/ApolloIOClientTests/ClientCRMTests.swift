import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The client against the simulator over real HTTP: contacts, accounts, deals.
@Suite struct ClientCRMTests {
    @Test func contacts_createDuplicatesUnlessDedupe_updateShowSearch() async throws {
        try await SimulatorHarness.withSimulator { _, client in
            let input = ContactInput(firstName: "Ada", lastName: "Lovelace", title: "CTO", email: "ada@analytical.test", organizationName: "Engines")
            let first = try await client.createContact(input)
            let duplicate = try await client.createContact(input)
            #expect(first.value.contact.id != duplicate.value.contact.id)
            var deduped = input
            deduped.runDedupe = true
            deduped.title = "Chief Engineer"
            let merged = try await client.createContact(deduped)
            #expect([first.value.contact.id, duplicate.value.contact.id].contains(merged.value.contact.id))
            #expect(merged.value.contact.title == "Chief Engineer")
            let updated = try await client.updateContact(id: first.value.contact.id, ContactInput(title: "Countess"))
            #expect(updated.value.contact.title == "Countess")
            #expect(updated.value.contact.firstName == "Ada")
            let shown = try await client.contact(id: first.value.contact.id)
            #expect(shown.value.contact.email == "ada@analytical.test")
            let found = try await client.searchContacts(ContactSearchRequest(qKeywords: "lovelace", sortByField: "contact_updated_at", perPage: 10))
            #expect(found.value.contacts.count == 2)
            #expect(found.value.contacts.first?.id == first.value.contact.id)
        }
    }

    @Test func contacts_missingIsNotFound_badIdIsInvalid_bulkCreate() async throws {
        try await SimulatorHarness.withSimulator { _, client in
            await #expect(throws: ApolloError.notFound(message: "Oops! This contact does not exist in Apollo.")) {
                _ = try await client.contact(id: "5e66b6381e05b4008c8331b8")
            }
            await #expect(throws: ApolloError.invalidRequest(status: 422, message: "Parameters misconfigured. nope is not a valid ID", code: nil)) {
                _ = try await client.createContact(ContactInput(firstName: "X", accountId: "nope"))
            }
            let bulk = try await client.bulkCreateContacts(
                BulkCreateContactsRequest(
                    contacts: [ContactInput(firstName: "A", email: "a@bulk.test"), ContactInput(firstName: "B", email: "b@bulk.test")]))
            #expect(bulk.value.createdContacts.count == 2)
            let again = try await client.bulkCreateContacts(
                BulkCreateContactsRequest(
                    contacts: [ContactInput(firstName: "A", email: "a@bulk.test")], runDedupe: true))
            #expect(again.value.createdContacts.isEmpty)
            #expect(again.value.existingContacts.first?.email == "a@bulk.test")
            let tooMany = BulkCreateContactsRequest(contacts: Array(repeating: ContactInput(firstName: "Z"), count: 101))
            await #expect(throws: ApolloError.tooManyRecords(limit: 100, requested: 101)) { _ = try await client.bulkCreateContacts(tooMany) }
            let stages = try await client.contactStages()
            #expect(stages.value.contactStages.count == 8)
        }
    }

    @Test func accounts_createUpdateSearchStages() async throws {
        try await SimulatorHarness.withSimulator { _, client in
            await #expect(throws: ApolloError.invalidRequest(status: 422, message: "Please specify at least a name or domain.", code: nil)) {
                _ = try await client.createAccount(AccountInput(phone: "555"))
            }
            let created = try await client.createAccount(AccountInput(name: "Zeta Corp", domain: "www.zeta-corp.test"))
            #expect(created.value.account.domain == "zeta-corp.test")
            let updated = try await client.updateAccount(id: created.value.account.id, AccountInput(name: "Zeta Corporation"))
            #expect(updated.value.account.name == "Zeta Corporation")
            let found = try await client.searchAccounts(AccountSearchRequest(qOrganizationName: "zeta"))
            #expect(found.value.accounts.map(\.id) == [created.value.account.id])
            let answer1 = try await client.accountStages()
            #expect(answer1.value.accountStages.count == 4)
        }
    }

    @Test func opportunities_createShowUpdateSearchStages() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let data = await server.engine.snapshot()
            await #expect(throws: ApolloError.invalidRequest(status: 422, message: "Name is required", code: nil)) {
                _ = try await client.createOpportunity(OpportunityInput(amount: "100"))
            }
            let stages = try await client.opportunityStages().value.opportunityStages
            #expect(stages.count == 7)
            let created = try await client.createOpportunity(
                OpportunityInput(
                    name: "Expansion", ownerId: data.users[0].id, accountId: data.accounts[0].id, amount: "25000", closedDate: "2026-12-31"))
            #expect(created.value.opportunity.amount == 25_000)
            let moved = try await client.updateOpportunity(
                id: created.value.opportunity.id, OpportunityInput(amount: "1,000", opportunityStageId: stages[3].id))
            #expect(moved.value.opportunity.opportunityStageId == stages[3].id)
            #expect(moved.value.opportunity.amount == nil)
            let shown = try await client.opportunity(id: created.value.opportunity.id)
            #expect(shown.value.opportunity.stageName == stages[3].name)
            await #expect(throws: ApolloError.notFound(message: "Not Found")) { _ = try await client.opportunity(id: "5e66b6381e05b4008c8331b8") }
            await #expect(throws: ApolloError.notFound(message: "Opportunity does not exist.")) {
                _ = try await client.updateOpportunity(id: "5e66b6381e05b4008c8331b8", OpportunityInput(name: "x"))
            }
            let page = try await client.searchOpportunities(OpportunitySearchRequest(page: 1, perPage: 50))
            #expect(page.value.opportunities.count == 50)
            #expect(page.value.pagination?.totalEntries == data.opportunities.count + 1)
            #expect(page.value.pagination?.page?.value == 1)
        }
    }
}
