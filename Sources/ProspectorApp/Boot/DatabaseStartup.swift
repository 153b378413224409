import FluentKit
import Foundation
import Logging
import ProspectorData

/// A long-running process started while its database is down (a PostgreSQL still starting, or restarting: the chaos
/// soak restarted a `serve` during a PostgreSQL restart and it exited) waits for it for a bounded time instead of
/// exiting, then says plainly that it cannot reach it.
struct DatabaseStartup {
    let database: any Database
    let engine: String
    /// 0: one attempt, no waiting.
    let waitSeconds: Double
    let logger: Logger

    /// Returns once a trivial statement runs; throws ``DatabaseStartupError`` when none did within the wait.
    func waitUntilReachable() async throws {
        // Real time: this waits on another process, not on the service clock.
        let deadline = ContinuousClock.now + .milliseconds(Int64(waitSeconds * 1_000))
        var pause = Duration.milliseconds(250)
        var attempts = 0
        while true {
            attempts += 1
            do {
                try await DatabasePing.run(on: database)
                if attempts > 1 { logger.notice("the database answers", metadata: ["attempts": "\(attempts)"]) }
                return
            } catch {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { throw DatabaseStartupError(engine: engine, waitedSeconds: waitSeconds, cause: Self.describe(error)) }
                if attempts == 1 {
                    logger.warning(
                        "the database does not answer; waiting for it",
                        metadata: ["engine": "\(engine)", "wait-seconds": "\(waitSeconds)", "error": "\(Self.describe(error))"])
                }
                try await Task.sleep(for: min(pause, left))
                pause = min(pause * 2, .seconds(2))
            }
        }
    }

    /// The failure without the statement's data: a ping has none, and a connection error names only the address.
    static func describe(_ error: any Error) -> String {
        String(reflecting: error).replacingOccurrences(of: "\n", with: " ").prefix(300).description
    }
}

/// The database did not answer at start.
struct DatabaseStartupError: Error, CustomStringConvertible {
    let engine: String
    let waitedSeconds: Double
    let cause: String

    var description: String {
        let waited = waitedSeconds > 0 ? " within \(waitedSeconds.formatted()) s (DATABASE_STARTUP_WAIT_SECONDS)" : ""
        return "the \(engine) database did not answer\(waited): \(cause). Check DATABASE_URL and that the server runs."
    }
}
