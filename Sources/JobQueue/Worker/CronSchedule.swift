import DatabaseSupport
import FluentKit
import SQLKit

/// A job enqueued once per slot of a fixed interval, however many worker processes run.
public struct CronSchedule: Sendable {
    public var name: String
    public var everySeconds: Double
    public var job: NewJob

    public init(name: String, everySeconds: Double, job: NewJob) {
        self.name = name
        self.everySeconds = max(1, everySeconds)
        self.job = job
    }

    /// The start of the slot `time` falls in.
    func slot(at time: Double) -> Double { (time / everySeconds).rounded(.down) * everySeconds }
}
