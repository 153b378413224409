import ApolloIOClient
import Foundation
import ProspectorData

/// Two callers asked for the same person at once (two API requests, a bulk job and a request, two worker processes)
/// pay once: each claims the identities it sends (in the shared memory), and waits for the answer to the ones
/// another caller is asking Apollo about — found by the chaos soak, which saw one person paid for two and three
/// times with no fault at all.
extension EnrichmentService {
    /// How long a claim holds without an answer: a caller that died frees its people after this.
    static let claimSeconds = 120.0
    /// How long a caller waits for another's answer before asking Apollo itself (rare: a stuck or very slow caller).
    static let claimWait = Duration.seconds(45)

    func sendClaimed(
        _ people: [(key: String, identity: PersonIdentity)], options: EnrichmentOptions, answers: inout [String: Answer],
        progress: (@Sendable (Int) async -> Void)?
    ) async throws(ApolloError) {
        var pending = people
        let owner = UUID().uuidString
        let deadline = ContinuousClock.now + Self.claimWait
        while !pending.isEmpty {
            let now = clock.now()
            let mine: Set<String>
            do { mine = try await memory.claim(pending.map(\.key), owner: owner, until: now + Self.claimSeconds, now: now) } catch {
                throw .stateUnavailable(description: "enrichment memory: \(error)")
            }
            let ours = pending.filter { mine.contains($0.key) }
            var failure: ApolloError?
            do { try await send(ours, options: options, answers: &answers, progress: progress) } catch { failure = error }
            // Answered (remembered) or failed: either way no longer in flight. A release that fails lapses on its own.
            try? await memory.release(ours.map(\.key), owner: owner)
            if let failure { throw failure }
            pending.removeAll { mine.contains($0.key) }
            guard !pending.isEmpty else { return }
            if ContinuousClock.now >= deadline {
                try await send(pending, options: options, answers: &answers, progress: progress)
                return
            }
            // Someone else is asking Apollo about these right now: their answer lands in the memory.
            try? await Task.sleep(for: .milliseconds(150))
            let remembered: [String: RememberedEnrichment]
            do { remembered = try await memory.recall(pending.map(\.key)) } catch {
                throw .stateUnavailable(description: "enrichment memory: \(error)")
            }
            for (key, entry) in remembered where isFresh(entry, now: clock.now()) { answers[key] = (entry.person, .memory) }
            pending.removeAll { answers[$0.key] != nil }
            await progress?(answers.count)
        }
    }
}
