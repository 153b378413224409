import DatabaseSupport
import Foundation
import Logging
import Synchronization

/// How the worker's heartbeat reaches one running job: ask it to stop, or end it because its lease is gone.
final class ExecutionControl: Sendable {
    private let state = Mutex<(work: Task<Void, Never>?, cancelRequested: Bool)>((nil, false))
    let ending = OneShot<Result<JobOutcome, any Error>?>()

    func attach(_ work: Task<Void, Never>) { state.withLock { $0.work = work } }

    /// An operator asked to cancel: the handler is cancelled and the job ends as cancelled.
    func requestCancel() {
        let work = state.withLock { state -> Task<Void, Never>? in
            state.cancelRequested = true
            return state.work
        }
        work?.cancel()
    }

    var cancelRequested: Bool { state.withLock { $0.cancelRequested } }

    /// The lease is gone: unless the handler already finished, it is cancelled and abandoned, freeing the slot
    /// at once even if it ignores cancellation (its late writes are fenced out).
    func loseLease() {
        guard ending.fulfil(nil) else { return }
        state.withLock { $0.work }?.cancel()
    }
}

/// One attempt of one job. Heartbeats come from the worker (one statement for all its running jobs).
struct JobExecution {
    let job: JobRecord
    let store: JobStore
    let logger: Logger

    /// The outcome to record, or nil when the lease was lost (nothing may be written then).
    func run(_ handler: JobHandler?, control: ExecutionControl) async -> JobOutcome? {
        guard let handler else { return .fail(error: "no handler is registered for job kind \(job.kind)") }
        let context = JobContext(job: job, store: store)
        let ending = control.ending
        control.attach(
            Task {
                let result: Result<JobOutcome, any Error>
                do { result = .success(try await handler(context)) } catch { result = .failure(error) }
                ending.fulfil(result)
            })
        guard let result = await ending.value else {
            logger.warning("lost the lease while running; the job's outcome is discarded", metadata: ["job": "\(job.id)"])
            return nil
        }
        if control.cancelRequested { return .cancel(reason: "cancelled by an operator") }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): return .fail(error: String(describing: error))
        }
    }
}
