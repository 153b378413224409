import ApolloIOClient
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// The one job shape: every kind registered through the adapter, run by a real worker on the run's database.
@Suite struct ProspectorJobTests {
    private func runWorker<T>(_ context: ServicesHarness.Context, queues: [String: Int], _ body: () async throws -> T) async throws -> T {
        var options = WorkerOptions(queues: queues)
        options.pollInterval = .milliseconds(50)
        let worker = JobWorker(
            store: try JobStore(database: context.database), registry: try ProspectorJobs.registry(context.services),
            options: options)
        let loop = Task { await worker.run() }
        do {
            let result = try await body()
            await worker.shutdown()
            await loop.value
            return result
        } catch {
            await worker.shutdown()
            await loop.value
            throw error
        }
    }

    @Test func anUnreadablePayload_makesTheJobDeadAtOnce_withTheReason() async throws {
        try await ServicesHarness.withServices { context in
            let store = try JobStore(database: context.database)
            let broken = try await store.enqueue(
                NewJob(kind: EnrichJob.kind, payload: #"{"people": "not a list"}"#, queue: "enrich", maxAttempts: 10))
            let job = try await runWorker(context, queues: ["enrich": 1]) { () -> JobRecord? in
                try await waitUntil { try await store.job(id: broken.id)?.state == .dead }
                return try await store.job(id: broken.id)
            }
            #expect(job?.attempt == 1, "no attempt is spent retrying what cannot be read")
            #expect(job?.lastError?.hasPrefix("invalid enrich.people payload") == true)
        }
    }

    @Test func everyKind_isRegistered_andItsJobsCarryTheirQueueAndKey() async throws {
        try await ServicesHarness.withServices { context in
            let registry = try ProspectorJobs.registry(context.services)
            for kind in [EnrichJob.kind, SyncJob.kind, DispatchJob.kind, StageChangeJob.kind, WebhookDeliveryJob.kind, PhoneRevealPollJob.kind] {
                #expect(registry.kinds.contains(kind), "\(kind) has a handler")
            }
            let sync = try SyncJob.job(SyncJob.Payload(object: .deals, full: true))
            #expect(sync.queue == "sync" && sync.uniqueKey == "sync:deals" && sync.maxAttempts == 20)
            let id = UUID()
            let poll = try PhoneRevealPollJob.job(PhoneRevealPollJob.Payload(revealId: id, apiKeyId: "k"), delay: 600)
            #expect(poll.queue == "enrich" && poll.uniqueKey == "reveal.poll:\(id.uuidString)")
            #expect((poll.runAt ?? 0) > Date().timeIntervalSince1970 + 590)
            let decoded = try JSONDecoder().decode(PhoneRevealPollJob.Payload.self, from: Data(#"{"revealId": "\#(id.uuidString)"}"#.utf8))
            #expect(decoded.revealId == id && decoded.apiKeyId == nil, "a poll queued before the key was recorded still reads")
        }
    }

    @Test func apolloFailures_becomeOutcomes_andOurOwnDatabaseIsRetried() {
        let clock = SystemApolloClock()
        #expect(
            ApolloJobOutcome.outcome(for: .stateUnavailable(description: "ledger"), clock: clock, now: 0)
                == .fail(error: "stateUnavailable(description: \"ledger\")"))
        #expect(ApolloJobOutcome.outcome(for: .circuitOpen(retryAfterSeconds: 30), clock: clock, now: 0) == .snooze(until: 30))
        #expect(ApolloJobOutcome.outcome(for: .notFound(message: "gone"), clock: clock, now: 0) == .cancel(reason: "notFound(message: \"gone\")"))
    }

    @Test func aRevealStillPendingADayLater_isGivenUp_byApollosClock() async throws {
        let clock = DrivenClock()
        try await ServicesHarness.withServices(clock: clock) { context in
            let reveal = PhoneReveal(tokenHash: "hash", kind: .phone, contactIDs: [], apiKeyID: nil)
            reveal.status = .pending
            reveal.apolloRequestID = 12_345
            try await reveal.create(on: context.database)
            let store = try JobStore(database: context.database)
            let revealID = try reveal.requireID()
            await clock.advance(PhoneRevealPollJob.giveUpAfterSeconds + 60)
            let id = try await PhoneRevealPollJob.enqueue(PhoneRevealPollJob.Payload(revealId: revealID, apiKeyId: nil), on: context.database).id
            let job = try await runWorker(context, queues: ["enrich": 1]) { () -> JobRecord? in
                try await waitUntil { try await store.job(id: id)?.state == .completed }
                return try await store.job(id: id)
            }
            #expect(job?.result == #"{"gaveUp": true}"#)
            #expect(try await PhoneReveal.find(revealID, on: context.database)?.status == .failed)
            #expect(
                await context.simulator.engine.callCount(route: ApolloEndpoint.webhookResult(RequestID(12_345)).route) == 0, "Apollo was not asked")
        }
    }
}
