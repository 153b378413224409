import DatabaseSupport
import FluentKit
import SQLKit

/// A job handler: it returns an outcome; a thrown error is a failure (retried with backoff).
public typealias JobHandler = @Sendable (JobContext) async throws -> JobOutcome

/// Handlers by job kind. The queue knows kinds only as strings.
public struct JobRegistry: Sendable {
    private(set) var handlers: [String: JobHandler] = [:]

    public init() {}

    public mutating func register(_ kind: String, _ handler: @escaping JobHandler) {
        handlers[kind] = handler
    }

    func handler(for kind: String) -> JobHandler? { handlers[kind] }

    /// The kinds that have a handler.
    public var kinds: Set<String> { Set(handlers.keys) }
}
