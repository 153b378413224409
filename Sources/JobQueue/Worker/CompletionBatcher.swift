/// Gathers completions for a moment and records them in one fenced statement: with durable commits, one
/// commit per job is what limits throughput, not the jobs themselves.
actor CompletionBatcher {
    private let store: JobStore
    private let maxBatch: Int
    private let maxDelay: Duration
    private var pending: [(job: JobRecord, result: String?, waiter: CheckedContinuation<Bool, any Error>)] = []
    private var flushScheduled = false

    init(store: JobStore, maxBatch: Int = 500, maxDelay: Duration = .milliseconds(2)) {
        self.store = store
        self.maxBatch = maxBatch
        self.maxDelay = maxDelay
    }

    /// Records the completion; returns false when the attempt had lost its lease.
    func complete(_ job: JobRecord, result: String?) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((job, result, continuation))
            if pending.count >= maxBatch {
                Task { await self.flush() }
            } else if !flushScheduled {
                flushScheduled = true
                Task {
                    try? await Task.sleep(for: maxDelay)
                    await self.flush()
                }
            }
        }
    }

    private func flush() async {
        flushScheduled = false
        let batch = pending
        pending = []
        guard !batch.isEmpty else { return }
        do {
            let completed = try await store.completeBatch(batch.map { ($0.job, $0.result) })
            for entry in batch { entry.waiter.resume(returning: completed.contains(entry.job.id)) }
        } catch {
            for entry in batch { entry.waiter.resume(throwing: error) }
        }
    }
}
