import FluentKit
import Foundation
import JobQueue
import Logging
import ProspectorData
import Synchronization

/// Pickup latency: jobs enqueued one at a time; the time from the enqueue's commit to the handler's start.
struct LatencyProbe {
    let arguments: ProbeArguments
    let database: any Database
    let target: DatabaseTarget
    let logger: Logger

    func run() async throws {
        let samples = arguments.int("samples") ?? 1_000
        let pollOnly = arguments.flag("poll-only")
        let starts = StartTimes()
        var registry = JobRegistry()
        registry.register("probe.latency") { context in
            starts.record(context.job.id, at: ContinuousClock.now)
            return .complete()
        }
        var options = WorkerOptions(queues: ["latency": 1])
        options.pollInterval = .milliseconds(arguments.int("poll-ms") ?? 1_000)
        let store = try JobStore(database: database)
        let worker = JobWorker(store: store, registry: registry, options: options, logger: logger)
        let listener = pollOnly ? nil : worker.listenForWakeups(databaseURL: arguments.value("database"), logger: logger)
        if listener != nil { try await Task.sleep(for: .milliseconds(500)) }
        let running = Task { await worker.run() }
        var latencies: [Double] = []
        for _ in 0..<samples {
            let id = try await store.enqueue(NewJob(kind: "probe.latency", queue: "latency")).id
            let enqueued = ContinuousClock.now
            if pollOnly == false, case .sqlite = target { worker.wake(queue: "latency") }
            while starts.start(of: id) == nil { try await Task.sleep(for: .microseconds(200)) }
            let latency = starts.start(of: id)! - enqueued
            latencies.append(Double(latency.components.attoseconds) / 1e15 + Double(latency.components.seconds) * 1_000)
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...5)))
        }
        await worker.shutdown()
        await running.value
        listener?.cancel()
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        say(#"{"samples": \#(samples), "mode": "\#(pollOnly ? "poll" : "notify")", "p50_ms": \#(p50), "p99_ms": \#(p99)}"#)
    }
}

/// When each job's handler started, written by the worker and read by the measuring loop.
final class StartTimes: Sendable {
    private let times = Mutex<[Int64: ContinuousClock.Instant]>([:])

    func record(_ id: Int64, at instant: ContinuousClock.Instant) { times.withLock { $0[id] = instant } }
    func start(of id: Int64) -> ContinuousClock.Instant? { times.withLock { $0[id] } }
}
