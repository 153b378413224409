import DatabaseSupport
import FluentKit
import Foundation
import SQLKit
import TestSupport
import Testing

/// `Database.safeTransaction`: a normal transaction on both engines, and on PostgreSQL one that gives its connection
/// back when the server drops it mid-transaction (Fluent's own transaction hung forever there).
@Suite struct SafeTransactionTests {
    private func rows(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT name FROM safe_tx ORDER BY name").all().map { try $0.decode(column: "name", as: String.self) }
    }

    private struct Planned: Error {}

    @Test func commitsOnSuccess_andRollsBackWhenTheBodyThrows() async throws {
        try await TestDatabase.withDatabase { database in
            let sql = database as! any SQLDatabase
            try await sql.raw("CREATE TABLE safe_tx (name TEXT NOT NULL)").run()
            let answer = try await database.safeTransaction { transaction in
                try await (transaction as! any SQLDatabase).raw("INSERT INTO safe_tx (name) VALUES ('kept')").run()
                return 42
            }
            #expect(answer == 42)
            await #expect(throws: Planned.self) {
                try await database.safeTransaction { transaction in
                    try await (transaction as! any SQLDatabase).raw("INSERT INTO safe_tx (name) VALUES ('undone')").run()
                    throw Planned()
                }
            }
            #expect(try await rows(sql) == ["kept"])
        }
    }

    @Test(.enabled(if: TestDatabase.engine == "postgresql"))
    func serverDroppingTheConnectionMidTransaction_failsIt_andThePoolRecovers() async throws {
        try await TestDatabase.withDatabase { database in
            let sql = database as! any SQLDatabase
            try await sql.raw("CREATE TABLE safe_tx (name TEXT NOT NULL)").run()
            // The backend terminates itself; the body then writes to the torn-down connection, which never answers.
            let attempt = Task {
                try await database.safeTransaction { transaction in
                    let session = transaction as! any SQLDatabase
                    try await session.raw("INSERT INTO safe_tx (name) VALUES ('lost')").run()
                    _ = try? await session.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                    try await Task.sleep(for: .milliseconds(200))  // until the channel is torn down
                    try await session.raw("INSERT INTO safe_tx (name) VALUES ('after')").run()
                }
            }
            let outcome = await firstOf(attempt, orAfter: .seconds(20))
            #expect(outcome == .failed, "the transaction did not fail once its connection closed")
            // The pool (one connection on this event loop) must hand out a fresh connection.
            try await sql.raw("INSERT INTO safe_tx (name) VALUES ('next')").run()
            #expect(try await rows(sql) == ["next"])
        }
    }

    private enum Outcome { case succeeded, failed, stuck }

    /// The task's outcome, or `.stuck` after `limit` (unstructured, so a task that never ends cannot hang the test).
    private func firstOf(_ task: Task<Void, any Error>, orAfter limit: Duration) async -> Outcome {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Outcome.self)
        Task {
            do {
                try await task.value
                continuation.yield(.succeeded)
            } catch { continuation.yield(.failed) }
        }
        Task {
            try? await Task.sleep(for: limit)
            continuation.yield(.stuck)
        }
        for await outcome in outcomes { return outcome }
        return .stuck
    }
}
