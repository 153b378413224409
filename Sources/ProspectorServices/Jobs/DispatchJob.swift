import JobQueue

/// `automation.dispatch`: hands new domain events to their jobs (by cron, and after every sync run).
public struct DispatchJob: ProspectorJob {
    public static let kind = "automation.dispatch"
    public static let queue = QueueName.automation
    public static let maxAttempts = 5

    /// Nothing: the dispatcher reads the outbox.
    public struct Payload: Codable, Sendable, Equatable {
        public init() {}
    }

    let service: AutomationService

    public init(service: AutomationService) {
        self.service = service
    }

    public static func uniqueKey(for payload: Payload) -> String? { kind }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        .complete(result: #"{"dispatched": \#(try await service.dispatch())}"#)
    }
}
