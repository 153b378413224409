import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import SQLKit
import TestSupport
import Testing

/// Retention, spend approval, estimates and subject export as services, on the run's engine, with time advanced by
/// the clock and never slept.
@Suite struct DataProtectionServiceTests {
    private static func emails(_ context: ServicesHarness.Context, _ count: Int) async -> [String] {
        Array(await context.simulator.engine.snapshot().people.compactMap(\.email).prefix(count))
    }

    @Test func retention_removesEachKindAfterItsPeriod_andADryRunRemovesNothing() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let database = context.database
            let known = await Self.emails(context, 1)[0]
            _ = try await context.services.enrichment.enrichAndStore(
                [PersonIdentity(email: known), PersonIdentity(email: "nobody@nowhere.example")], actor: .system)
            try await IdempotencyRecord(apiKeyID: UUID(), key: "k", requestHash: "h").create(on: database)
            let event = DomainEvent(type: "contact.created", entityType: "contact", entityID: "c1", payload: "{}")
            event.dispatchedAt = Date()
            try await event.create(on: database)
            let job = try await JobStore.enqueue(NewJob(kind: "noop", payload: "{}", queue: "default"), on: database)
            try await (database as! any SQLDatabase).raw(
                "UPDATE jobs SET state = 'completed', finished_at = \(bind: Date().timeIntervalSince1970) WHERE id = \(bind: job.id)"
            ).run()
            let retention = RetentionService(database: database, policy: RetentionPolicy(), clock: clock)
            func rows(apply: Bool) async throws -> [RetentionCategory: Int] {
                Dictionary(uniqueKeysWithValues: try await retention.run(apply: apply).map { ($0.category, $0.rows) })
            }

            await clock.advance(3 * 86_400)
            let preview = try await rows(apply: false)
            #expect(preview[.idempotencyRecords] == 1 && preview[.finishedJobs] == 0 && preview[.audit] == 0)
            #expect(try await rows(apply: false) == preview, "a dry run removes nothing")
            #expect(try await rows(apply: true)[.idempotencyRecords] == 1)
            #expect(try await IdempotencyRecord.query(on: database).count() == 0)

            await clock.advance(28 * 86_400)
            let month = try await rows(apply: true)
            #expect(month[.finishedJobs] == 1 && month[.webhookDeliveries] == 1 && month[.enrichmentMisses] == 0)
            await clock.advance(60 * 86_400)
            #expect(try await rows(apply: true)[.enrichmentMisses] == 1)
            #expect(try await EnrichmentAttempt.query(on: database).all().map(\.outcome) == [.matched], "matches are kept")
            await clock.advance(90 * 86_400)
            #expect(try await Contact.query(on: database).filter(\.$rawJSON != nil).count() == 1)
            #expect(try await rows(apply: true)[.rawRecords] ?? 0 >= 2, "the contact and its organization")
            #expect(try await Contact.query(on: database).filter(\.$rawJSON != nil).count() == 0)
            #expect(try await AuditLog.query(on: database).count() > 0)
            await clock.advance(550 * 86_400)
            #expect(try await rows(apply: true)[.audit] ?? 0 > 0)
            #expect(try await AuditLog.query(on: database).count() == 0)
        }
    }

    @Test func bulkAboveTheThreshold_waitsForApproval_andOnlyAnApprovalEnqueuesIt() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let approvals = SpendApprovalService(database: context.database, ttlSeconds: 72 * 3_600, clock: clock)
            let leads = LeadService(
                client: try context.services.apollo.client, enrichment: try context.services.enrichment, database: context.database,
                approvals: approvals, approvalThresholdCredits: 5)
            let people = await Self.emails(context, 12).map { PersonIdentity(email: $0) }
            let queued = { try await context.services.jobs.list(state: nil, queue: nil, limit: 100).count }

            guard case .enqueued = try await leads.enqueueBulk(Array(people.prefix(5)), options: nil, apiKeyID: "k1") else {
                Issue.record("five credits at most is within the threshold")
                return
            }
            #expect(try await queued() == 1)
            guard case .awaitingApproval(let held, let estimate) = try await leads.enqueueBulk(people, options: nil, apiKeyID: "k1") else {
                Issue.record("twelve credits is above the threshold")
                return
            }
            #expect(estimate.worstCaseCredits == 12 && held.status == .awaitingApproval && held.worstCaseCredits == 12)
            #expect(try await queued() == 1, "nothing is enqueued while it waits")
            let approved = try await approvals.approve(try held.requireID(), actor: .commandLine)
            #expect(approved.status == .approved && approved.jobID != nil)
            let job = try await context.services.jobs.find(JobReference(try #require(approved.jobID)))
            #expect(job.kind == EnrichJob.kind && job.payload.contains(people[11].email!))
            await #expect(throws: ServiceError.self) { _ = try await approvals.approve(try held.requireID(), actor: .commandLine) }

            guard case .awaitingApproval(let rejected, _) = try await leads.enqueueBulk(people, options: nil, apiKeyID: "k1"),
                case .awaitingApproval(let expiring, _) = try await leads.enqueueBulk(people, options: nil, apiKeyID: "k1")
            else {
                Issue.record("held again")
                return
            }
            #expect(try await approvals.reject(try rejected.requireID(), actor: .commandLine).status == .rejected)
            await clock.advance(73 * 3_600)
            await #expect(throws: ServiceError.self) { _ = try await approvals.approve(try expiring.requireID(), actor: .commandLine) }
            #expect(try await approvals.find(try expiring.requireID()).status == .expired)
            #expect(try await approvals.list(status: .awaitingApproval, limit: 10).isEmpty)
            #expect(try await queued() == 2, "a rejected or expired request never reaches the queue")
            #expect(await context.simulator.engine.creditsCharged == 0, "nothing ran: nothing spent")
        }
    }

    @Test func estimate_countsMemoryNewAndSuppressed_andCallsNothing() async throws {
        try await ServicesHarness.withServices { context in
            let emails = await Self.emails(context, 4)
            let enrichment = try context.services.enrichment
            _ = try await enrichment.enrich([PersonIdentity(email: emails[0])])
            try await context.services.suppressions.add(.email, emails[1], reason: .request, actor: .commandLine, on: context.database)
            let calls = await context.simulator.engine.callCount(route: "api/v1/people/match")
            let estimate = try await enrichment.estimate(
                [
                    PersonIdentity(email: emails[0]), PersonIdentity(email: emails[1]), PersonIdentity(email: emails[2]),
                    PersonIdentity(email: emails[2].uppercased()), PersonIdentity(email: emails[3]), PersonIdentity(firstName: "Nobody"),
                ])
            #expect(estimate.requested == 6 && estimate.unique == 4 && estimate.unidentifiable == 1)
            #expect(estimate.knownFromMemory == 1 && estimate.suppressed == 1 && estimate.newRecords == 2)
            #expect(estimate.worstCaseCredits == 2 && estimate.apolloCalls == 1)
            #expect(await context.simulator.engine.callCount(route: "api/v1/people/match") == calls)
            #expect(await context.simulator.engine.callCount(route: "api/v1/people/bulk_match") == 0)
        }
    }

    @Test func subjectExport_holdsTheContactItsRecordEnrichmentsAndAuditTrail() async throws {
        try await ServicesHarness.withServices { context in
            let email = await Self.emails(context, 1)[0]
            let (_, contacts) = try await context.services.enrichment.enrichAndStore([PersonIdentity(email: email)], actor: .system)
            let contact = try #require(contacts.first)
            let document = try await context.services.subjectExport.export(contactID: try contact.requireID())
            #expect(document.contact.email == email.lowercased() && document.enrichmentHistory.count == 1)
            #expect(document.enrichmentHistory[0].creditsCharged == 1 && document.enrichmentHistory[0].outcome == "matched")
            #expect(document.auditTrail.map(\.action).contains("contact.created"))
            guard case .object(let record) = document.apolloRecord else {
                Issue.record("Apollo's record is in the export")
                return
            }
            #expect(record["email"] == .string(email))
            await #expect(throws: ServiceError.notFound("contact \(UUID(uuidString: "00000000-0000-0000-0000-000000000001")!) does not exist")) {
                _ = try await context.services.subjectExport.export(contactID: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!)
            }
        }
    }
}
