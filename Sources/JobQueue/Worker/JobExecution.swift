import Foundation
import Logging
import Synchronization

/// One attempt of one job: the handler runs while a heartbeat keeps the lease and watches for cancellation.
struct JobExecution {
    let job: JobRecord
    let store: JobStore
    let options: WorkerOptions
    let logger: Logger

    /// The outcome to record, or nil when the lease was lost (nothing may be written then).
    func run(_ handler: JobHandler?) async -> JobOutcome? {
        guard let handler else { return .fail(error: "no handler is registered for job kind \(job.kind)") }
        let flags = ExecutionFlags()
        let context = JobContext(job: job, store: store)
        let work = Task { try await handler(context) }
        let monitor = Task { [store, options, job] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(options.heartbeatSeconds))
                if Task.isCancelled { return }
                do {
                    if try await store.heartbeat(job, leaseSeconds: options.leaseSeconds) {
                        flags.requestCancel()
                        work.cancel()
                    }
                } catch JobQueueError.leaseLost {
                    flags.loseLease()
                    work.cancel()
                    return
                } catch {
                    // A database hiccup: keep the job running and try again; the lease covers a few missed beats.
                }
            }
        }
        let result = await work.result
        monitor.cancel()
        if flags.leaseLost {
            logger.warning("lost the lease while running; the job's outcome is discarded", metadata: ["job": "\(job.id)"])
            return nil
        }
        if flags.cancelRequested { return .cancel(reason: "cancelled by an operator") }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): return .fail(error: String(describing: error))
        }
    }
}

/// What the heartbeat learned, read by the execution once the handler returns.
final class ExecutionFlags: Sendable {
    private let state = Mutex((cancelRequested: false, leaseLost: false))

    func requestCancel() { state.withLock { $0.cancelRequested = true } }
    func loseLease() { state.withLock { $0.leaseLost = true } }
    var cancelRequested: Bool { state.withLock { $0.cancelRequested } }
    var leaseLost: Bool { state.withLock { $0.leaseLost } }
}
