import Testing

/// Polls `condition` until it holds; records an issue and throws ``WaitTimeout`` when `timeout` passes first.
public func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(timeout)")
    throw WaitTimeout()
}

public struct WaitTimeout: Error {}

extension Sequence {
    /// `map` with an async transform, one element after another.
    public func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
