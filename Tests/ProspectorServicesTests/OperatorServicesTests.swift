import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// The services behind the operator's routes and commands, on the run's database engine.
@Suite struct OperatorServicesTests {
    @Test func redelivery_marksTheDeliveryPendingAndEnqueuesItsJob_together() async throws {
        try await ServicesHarness.withServices { context in
            let webhooks = context.services.webhookSubscriptions
            let (subscription, secret) = try await webhooks.create(url: "http://127.0.0.1:9/hook", eventTypes: ["*"], secret: nil)
            #expect(secret.hasPrefix("whsec_"))
            let event = DomainEvent(type: "deal.stage_changed", entityType: "deal", entityID: "d1", payload: "{}")
            try await event.create(on: context.database)
            let delivery = WebhookDelivery(subscriptionID: try subscription.requireID(), eventID: try event.requireID())
            delivery.state = .failed
            try await delivery.create(on: context.database)

            let (jobID, redelivered) = try await webhooks.redeliver(try delivery.requireID())
            #expect(redelivered.state == .pending)
            let job = try await context.services.jobs.find(JobReference(jobID))
            let deliveryID = try delivery.requireID()
            #expect(job.kind == WebhookDeliveryJob.kind && job.uniqueKey == "webhook:\(deliveryID.uuidString)")
            #expect(try await webhooks.deliveries(of: try subscription.requireID()).map(\.state) == [.pending])

            await #expect(throws: ServiceError.notFound("no such delivery")) { try await webhooks.redeliver(UUID()) }
            #expect(try await context.services.jobs.list(state: nil, queue: nil, limit: 10).count == 1, "a refused redelivery enqueues nothing")
        }
    }

    @Test func keys_createdAndRevoked_withAnAuditEntryEach() async throws {
        try await ServicesHarness.withServices { context in
            let keys = context.services.keys
            let (key, plaintext) = try await keys.create(name: "ci", scopes: [.read, .write], actor: .commandLine)
            #expect(key.scopes == ["read", "write"] && plaintext.hasPrefix("pk_"))
            #expect(try await keys.verify(plaintext)?.id == key.id)
            let revoked = try await keys.revoke(try key.requireID(), actor: .commandLine)
            let first = try #require(revoked.revokedAt)
            let again = try #require(try await keys.revoke(try key.requireID(), actor: .commandLine).revokedAt)
            #expect(abs(again.timeIntervalSince(first)) < 0.001, "revoking twice keeps the first time")
            #expect(try await keys.verify(plaintext) == nil)
            await #expect(throws: ServiceError.self) { try await keys.revoke(UUID(), actor: .commandLine) }
            let trail = try await context.services.audit.entries(AuditFilter(entityType: "api_key"), limit: 10).map(\.action)
            #expect(trail.sorted() == ["api_key.created", "api_key.revoked", "api_key.revoked"])
            #expect(try await keys.issueFirstAdminKey() != nil, "no admin key yet: the first start makes one")
            #expect(try await keys.issueFirstAdminKey() == nil)
        }
    }

    @Test func creditReport_byKeyAndEndpoint_againstTheBudget() async throws {
        let budget = CreditBudget(dailyCap: 100, perKeyDailyCap: 10)
        try await ServicesHarness.withServices(budget: budget) { context in
            let keyA = UUID().uuidString
            let keyB = UUID().uuidString
            let gate = CreditGate(ledger: SQLCreditLedger(database: context.database), budget: budget)
            let mine = try await gate.reserve(
                route: "api/v1/people/match", records: 1, credits: 1,
                for: ApolloCallContext(priority: .interactive, apiKeyID: keyA))
            await gate.settle(mine, route: "api/v1/people/match", credits: 1)
            let theirs = try await gate.reserve(
                route: "api/v1/people/bulk_match", records: 10, credits: 10,
                for: ApolloCallContext(priority: .background, apiKeyID: keyB))
            await gate.settle(theirs, route: "api/v1/people/bulk_match", credits: 7)
            let report = try await context.services.credits.report(apiKeyID: keyA)
            #expect(report.all.today == 8 && report.all.thisMonth == 8)
            #expect(report.thisKey?.today == 1 && report.thisKey?.thisMonth == 1)
            #expect(report.byEndpoint["api/v1/people/bulk_match"]?.today == 7 && report.byEndpoint["api/v1/people/bulk_match"]?.thisMonth == 7)
            #expect(report.remainingToday == 9, "the tighter cap: the key's 10 less its 1")
            #expect(report.remainingThisMonth == nil, "no monthly cap")
            #expect(try await context.services.credits.report(apiKeyID: nil).thisKey == nil)
        }
    }

    @Test func jobs_refuseWhatTheQueueCannotDo_asServiceErrors() async throws {
        try await ServicesHarness.withServices { context in
            let jobs = context.services.jobs
            await #expect(throws: ServiceError.invalid(field: "state", problem: "must be one of \(JobService.stateNames.joined(separator: ", "))")) {
                try await jobs.list(state: "sleeping", queue: nil, limit: 10)
            }
            await #expect(throws: ServiceError.notFound("job 987654 does not exist")) { try await jobs.retry(JobReference(987_654)) }
            let id = try await SyncJob.enqueue(SyncJob.Payload(object: .contacts), on: context.database).id
            #expect(try await jobs.cancel(JobReference(id)).state == .cancelled)
            await #expect(throws: ServiceError.self) { try await jobs.cancel(JobReference(id)) }
            #expect(try await jobs.retry(JobReference(id)).state == .available)
            let again = try await context.services.syncStatus.requestRun(.contacts, full: false)
            #expect(again.jobID == id && again.existing, "one pending run per object")
        }
    }

    @Test func contacts_pageByCursor_andFilter() async throws {
        try await ServicesHarness.withServices { context in
            for index in 0..<5 {
                let contact = Contact(email: "person\(index)@zeta.test")
                contact.title = index.isMultiple(of: 2) ? "CTO" : "CEO"
                try await contact.create(on: context.database)
            }
            let contacts = context.services.contacts
            let first = try await contacts.list(ContactFilter(), after: nil, limit: 3)
            let second = try await contacts.list(ContactFilter(), after: first.nextCursor, limit: 3)
            #expect(first.contacts.count == 3 && second.contacts.count == 2 && second.nextCursor == nil)
            #expect(Set((first.contacts + second.contacts).compactMap(\.email)).count == 5)
            #expect(
                try await contacts.list(ContactFilter(email: " PERSON1@zeta.test"), after: nil, limit: 10).contacts.map(\.email) == [
                    "person1@zeta.test"
                ])
            #expect(try await contacts.list(ContactFilter(title: "CTO"), after: nil, limit: 10).contacts.count == 3)
            await #expect(throws: ServiceError.self) { try await contacts.find(UUID()) }
        }
    }
}
