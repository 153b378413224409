import Foundation
import NIOCore
import NIOPosix

/// A few pipelined connections to one Redis, used in turn. A connection that was lost is made again at its next use;
/// while Redis cannot be reached, attempts are spaced out (doubling from 50 ms to 2 s) and fail fast in between, so
/// that callers get an answer (``RedisError/connectionLost(_:)``) instead of piling up. Blocking commands get a
/// connection of their own (``withDedicatedConnection(_:)``): they would hold up every command pipelined behind them.
public actor RedisPool {
    public nonisolated let configuration: RedisConfiguration
    private let group: any EventLoopGroup
    private var connections: [RedisConnection?]
    /// A connection being made for a slot: concurrent callers of that slot wait for the same one.
    private var connecting: [Int: Task<RedisConnection, any Error>] = [:]
    private var next = 0
    private var consecutiveFailures = 0
    private var nextAttempt: ContinuousClock.Instant?
    private var isShutDown = false

    public init(_ configuration: RedisConfiguration, size: Int = 4, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
        self.connections = Array(repeating: nil, count: max(1, size))
    }

    /// An open connection of the pool, made now if its slot has none.
    public func connection() async throws -> RedisConnection {
        guard !isShutDown else { throw RedisError.shutDown }
        let slot = next
        next = (next + 1) % connections.count
        if let connection = connections[slot], connection.isOpen { return connection }
        if let nextAttempt, ContinuousClock.now < nextAttempt {
            throw RedisError.connectionLost("Redis at \(configuration.host):\(configuration.port) is unreachable; retrying shortly")
        }
        if let pending = connecting[slot] { return try await pending.value }
        let attempt = Task { [configuration, group] in try await RedisConnection.connect(configuration, on: group) }
        connecting[slot] = attempt
        defer { connecting[slot] = nil }
        do {
            let connection = try await attempt.value
            connections[slot] = connection
            consecutiveFailures = 0
            nextAttempt = nil
            return connection
        } catch {
            consecutiveFailures += 1
            let backoff = min(0.05 * pow(2, Double(consecutiveFailures - 1)), 2)
            nextAttempt = ContinuousClock.now + .milliseconds(Int64(backoff * 1_000))
            throw error
        }
    }

    /// Sends one command on a pooled connection.
    @discardableResult
    public func send(_ arguments: any RESPArgument...) async throws -> RESPValue {
        try await connection().send(arguments)
    }

    /// Sends one command given as an array.
    @discardableResult
    public func send(_ arguments: [any RESPArgument]) async throws -> RESPValue {
        try await connection().send(arguments)
    }

    /// Runs a script by its SHA-1; when the server does not know it (a restart, `SCRIPT FLUSH`), by its source, which
    /// also caches it again (one command: a flush between a load and a call cannot make it fail).
    @discardableResult
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [any RESPArgument] = []) async throws -> RESPValue {
        let command: [any RESPArgument] = ["EVALSHA", script.sha1, keys.count] + keys.map { $0 as any RESPArgument } + arguments
        let connection = try await connection()
        do {
            return try await connection.send(command)
        } catch RedisError.server(let message) where message.hasPrefix("NOSCRIPT") {
            return try await connection.send(["EVAL", script.source] + command.dropFirst(2))
        }
    }

    /// Runs `body` with a connection of its own, closed afterwards: for blocking commands.
    public nonisolated func withDedicatedConnection<T: Sendable>(_ body: (RedisConnection) async throws -> T) async throws -> T {
        let connection = try await RedisConnection.connect(configuration, on: group)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Closes every connection; later commands throw ``RedisError/shutDown``.
    public func shutdown() async {
        isShutDown = true
        for connection in connections.compactMap({ $0 }) { await connection.close() }
        connections = connections.map { _ in nil }
    }
}
