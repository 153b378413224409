import Metrics

/// Concurrent identical misses share one upstream call: the first caller fetches, the others await its result.
actor CallCoalescer {
    private var inFlight: [String: Task<ApolloResponse<[UInt8]>, any Error>] = [:]

    /// Runs `fetch` unless a call with the same key is in flight; returns its result and whether it was shared.
    func run(_ key: String, _ fetch: @escaping @Sendable () async throws(ApolloError) -> ApolloResponse<[UInt8]>)
        async throws(ApolloError) -> (response: ApolloResponse<[UInt8]>, shared: Bool)
    {
        if let running = inFlight[key] { return (try await Self.value(of: running), true) }
        let task = Task<ApolloResponse<[UInt8]>, any Error> { try await fetch() }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        return (try await Self.value(of: task), false)
    }

    private static func value(of task: Task<ApolloResponse<[UInt8]>, any Error>) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        do { return try await task.value } catch let error as ApolloError { throw error } catch {
            throw .transport(description: "\(error)")
        }
    }
}
