import ApolloIOClient
import ApolloIOSimulator
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// Three `prospector worker` processes sharing PostgreSQL and one Apollo key (the simulator, on a free plan whose
/// bulk enrichment allows 20 calls a minute and 100 an hour, with a minute passing in one real second).
@Suite(.serialized) struct ApolloWorkersProcessTests {
    static let scale = 60.0

    private func startWorker(_ url: String, simulator: SimulatorServer) async throws -> ProspectorProcess {
        let worker = try ProspectorProcess(
            arguments: ["worker", "--queues", "enrich=4"],
            environment: [
                "PROSPECTOR_ENV": "testing", "DATABASE_URL": url, "APOLLO_API_KEY": SimulatorConfiguration.defaultMasterKey,
                "APOLLO_BASE_URL": simulator.baseURL, "APOLLO_PLAN": "free", "APOLLO_CLOCK_SCALE": String(Self.scale),
                "APOLLO_INTERACTIVE_SHARE": "0",
            ],
            directory: FileManager.default.temporaryDirectory)
        let ready = try await worker.waitForLine(startingWith: "worker running", timeout: .seconds(60))
        #expect(ready != nil, "worker did not start: \(worker.standardError.suffix(2_000))")
        return worker
    }

    @Test(.enabled(if: TestDatabase.engine == "postgresql"))
    func threeWorkers_stayInsideTheWindows_andTheExhaustedHourSnoozesJobs() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 2_000, organizations: 100), plan: .free, timeScale: Self.scale)
        configuration.plan.bulkEnrichment = WindowLimits(minute: 20, hour: 100, day: 600)
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            try await TestDatabase.withTarget { target in
                guard case .postgres(let url) = target else { return }
                try await TestDatabase.withMigrated(target) { database in
                    let store = try JobStore(database: database)
                    let emails = await server.engine.snapshot().people.compactMap(\.email)
                    // 110 jobs of 10 distinct people: 110 bulk calls wanted, 100 allowed this hour.
                    let jobs = try (0..<110).map { index in
                        try EnrichJob.job(EnrichJob.Payload(people: emails[(index * 10)..<(index * 10 + 10)].map { PersonIdentity(email: $0) }))
                    }
                    _ = try await database.transaction { try await JobStore.enqueueBatch(jobs, on: $0) }
                    // The hour window opens with the first call, after this instant: it resets an hour of Apollo's time
                    // (60 real seconds here) later, however slowly a loaded machine made the calls.
                    let beforeTheFirstCall = Date().timeIntervalSince1970
                    var workers: [ProspectorProcess] = []
                    for _ in 0..<3 { workers.append(try await startWorker(url, simulator: server)) }
                    let bulk = ApolloEndpoint.peopleBulkMatch.route
                    do {
                        try await waitUntil(timeout: .seconds(90)) {
                            let depth = try await store.depth()["enrich"] ?? [:]
                            return depth[.completed] == 100 && depth[.available] == 10
                        }
                    } catch {
                        let depth = try? await store.depth()
                        let calls = await server.engine.callCount(route: bulk, status: 200)
                        Issue.record("depth \(String(describing: depth)); bulk 200s \(calls); worker: \(workers[0].standardError.suffix(3_000))")
                        throw error
                    }
                    #expect(await server.engine.callCount(route: bulk, status: 200) == 100)
                    #expect(await server.engine.rateLimitedCalls == 0, "three processes together never exceeded a window")
                    let waiting = try await store.list(state: .available, queue: "enrich", limit: 100)
                    let now = Date().timeIntervalSince1970
                    #expect(waiting.count == 10)
                    #expect(waiting.allSatisfy { $0.attempt == 0 && $0.lastError == nil }, "a snooze spends no attempt and is no failure")
                    // Snoozed until the hour resets: not before an hour after the first call, not after an hour from now.
                    let hour = 3_600 / Self.scale
                    #expect(
                        waiting.allSatisfy { $0.runAt >= beforeTheFirstCall + hour - 1 && $0.runAt < now + hour + 1 },
                        "\(waiting.map { $0.runAt - beforeTheFirstCall })")
                    for worker in workers { try await worker.stop() }
                }
            }
        }
    }
}
