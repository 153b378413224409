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
    ///
    /// A lost lease frees the worker's slot at once, even if the handler is stuck in a call that ignores
    /// cancellation: the handler is cancelled and abandoned, and its late writes are rejected by the fencing token.
    func run(_ handler: JobHandler?) async -> JobOutcome? {
        guard let handler else { return .fail(error: "no handler is registered for job kind \(job.kind)") }
        let flags = ExecutionFlags()
        let context = JobContext(job: job, store: store)
        let ending = OneShot<Result<JobOutcome, any Error>?>()
        let work = Task {
            let result: Result<JobOutcome, any Error>
            do { result = .success(try await handler(context)) } catch { result = .failure(error) }
            ending.fulfil(result)
        }
        let monitor = Task { [store, options, job] in
            var lastBeat = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(options.heartbeatSeconds))
                if Task.isCancelled { return }
                do {
                    if try await store.heartbeat(job, leaseSeconds: options.leaseSeconds) {
                        flags.requestCancel()
                        work.cancel()
                    }
                    lastBeat = ContinuousClock.now
                } catch JobQueueError.leaseLost {
                    flags.loseLease()
                } catch {
                    // A database hiccup: keep running while the lease may still hold.
                    if ContinuousClock.now - lastBeat > .seconds(options.leaseSeconds) { flags.loseLease() }
                }
                if flags.leaseLost {
                    work.cancel()
                    ending.fulfil(nil)
                    return
                }
            }
        }
        let result = await ending.value
        monitor.cancel()
        guard let result, !flags.leaseLost else {
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

/// A value set once by whichever of several tasks gets there first, awaited by one reader.
final class OneShot<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, set: Bool, waiter: CheckedContinuation<Value, Never>?)>((nil, false, nil))

    func fulfil(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = state.withLock { state in
            guard !state.set else { return nil }
            state.set = true
            state.value = value
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value?? = state.withLock { state in
                    if state.set { return .some(state.value) }
                    state.waiter = continuation
                    return .none
                }
                if case .some(let value) = ready { continuation.resume(returning: value!) }
            }
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
