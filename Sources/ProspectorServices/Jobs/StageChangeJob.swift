import Foundation
import JobQueue

/// `automation.stage_change`: applies the rules of the stage a deal entered (once per event): its sequence step, and one
/// `TaskCreatorJob` per task and contact.
public struct StageChangeJob: ProspectorJob {
    public static let kind = "automation.stage_change"
    public static let queue = QueueName.automation
    public static let maxAttempts = 10

    public struct Payload: Codable, Sendable, Equatable {
        public var eventId: UUID

        public init(eventId: UUID) { self.eventId = eventId }
    }

    let service: AutomationService

    public init(service: AutomationService) {
        self.service = service
    }

    public static func uniqueKey(for payload: Payload) -> String? { "stage:\(payload.eventId.uuidString)" }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        .complete(result: #"{"tasksEnqueued": \#(try await service.applyStageChange(eventID: payload.eventId))}"#)
    }
}
