import ApolloIOClient
import Foundation
import JobQueue

/// `automation.dispatch`: hands new domain events to their jobs (by cron, and after every sync run).
public struct DispatchJob: Sendable {
    public static let kind = "automation.dispatch"

    let service: AutomationService

    public init(service: AutomationService) { self.service = service }

    public static func job() -> NewJob { NewJob(kind: kind, queue: "automation", maxAttempts: 5, uniqueKey: "automation.dispatch") }

    public func register(in registry: inout JobRegistry) {
        registry.register(Self.kind) { _ in
            let dispatched = try await service.dispatch()
            return .complete(result: #"{"dispatched": \#(dispatched)}"#)
        }
    }
}

/// `automation.stage_change`: applies the rules of the stage a deal entered (once per event).
public struct StageChangeJob: Sendable {
    public static let kind = "automation.stage_change"

    let service: AutomationService
    let clock: any ApolloClock

    public init(service: AutomationService, clock: any ApolloClock) {
        self.service = service
        self.clock = clock
    }

    public static func job(eventID: UUID) throws -> NewJob {
        NewJob(kind: kind, payload: #"{"eventId": "\#(eventID.uuidString)"}"#, queue: "automation", maxAttempts: 10, uniqueKey: "stage:\(eventID.uuidString)")
    }

    public func register(in registry: inout JobRegistry) {
        registry.register(Self.kind) { context in
            guard let payload = try? JSONDecoder().decode([String: String].self, from: Data(context.payload.utf8)),
                  let id = payload["eventId"].flatMap(UUID.init(uuidString:)) else {
                return .cancel(reason: "invalid automation.stage_change payload")
            }
            do {
                let created = try await service.applyStageChange(eventID: id)
                return .complete(result: #"{"tasksCreated": \#(created)}"#)
            } catch let error as ApolloError {
                return ApolloJobOutcome.outcome(for: error, clock: clock)
            }
        }
    }
}
