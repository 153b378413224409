import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One connection to Redis. Commands may be sent concurrently: they are pipelined and answered in order.
public final class RedisConnection: Sendable {
    let channel: any Channel
    let configuration: RedisConfiguration
    /// Set by a deadline before it fails its command: the channel's close follows on its event loop, and a caller
    /// resumed by that failure must not pick this connection again in between.
    private let abandoned = Atomic<Bool>(false)

    private init(channel: any Channel, configuration: RedisConfiguration) {
        self.channel = channel
        self.configuration = configuration
    }

    /// Connects, then authenticates and selects the database the configuration names.
    public static func connect(
        _ configuration: RedisConfiguration, on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RedisConnection {
        let tls: NIOSSLContext? = configuration.useTLS ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(configuration.connectTimeoutSeconds * 1_000)))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: configuration.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPDecoder()))
                    try channel.pipeline.syncOperations.addHandler(RedisCommandHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw RedisError.connectionLost("cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        let connection = RedisConnection(channel: channel, configuration: configuration)
        do {
            if let password = configuration.password {
                if let username = configuration.username {
                    _ = try await connection.send("AUTH", username, password)
                } else {
                    _ = try await connection.send("AUTH", password)
                }
            }
            if configuration.database != 0 { _ = try await connection.send("SELECT", configuration.database) }
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Whether the connection is still open.
    public var isOpen: Bool { channel.isActive && !abandoned.load(ordering: .acquiring) }

    /// Sends one command and waits for its answer; an error reply throws ``RedisError/server(_:)``.
    @discardableResult
    public func send(_ arguments: any RESPArgument..., timeoutSeconds: Double? = nil) async throws -> RESPValue {
        try await send(arguments, timeoutSeconds: timeoutSeconds)
    }

    /// Sends one command given as an array of arguments.
    @discardableResult
    public func send(_ arguments: [any RESPArgument], timeoutSeconds: Double? = nil) async throws -> RESPValue {
        let value = try await sendRaw(arguments, timeoutSeconds: timeoutSeconds)
        if case .error(let message) = value { throw RedisError.server(message) }
        return value
    }

    /// Sends several commands in one write and returns their answers in order (error replies included, not thrown).
    public func pipeline(_ commands: [[any RESPArgument]]) async throws -> [RESPValue] {
        guard isOpen else { throw RedisError.connectionLost("the connection is closed") }
        let loop = channel.eventLoop
        var futures: [EventLoopFuture<RESPValue>] = []
        var promises: [EventLoopPromise<RESPValue>] = []
        for command in commands {
            var buffer = channel.allocator.buffer(capacity: 64)
            RESPEncoder.command(command, into: &buffer)
            let promise = loop.makePromise(of: RESPValue.self)
            channel.write((buffer, promise), promise: Self.failing(promise, on: loop))
            promises.append(promise)
            futures.append(promise.futureResult)
        }
        channel.flush()
        let deadline = loop.scheduleTask(in: .milliseconds(Int64(configuration.commandTimeoutSeconds * 1_000))) { [self, promises] in
            abandon()
            for promise in promises { promise.fail(RedisError.timeout(command: "pipeline")) }
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        var answers: [RESPValue] = []
        for future in futures { answers.append(try await future.get()) }
        return answers
    }

    private func sendRaw(_ arguments: [any RESPArgument], timeoutSeconds: Double?) async throws -> RESPValue {
        guard isOpen else { throw RedisError.connectionLost("the connection is closed") }
        var buffer = channel.allocator.buffer(capacity: 64)
        RESPEncoder.command(arguments, into: &buffer)
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        // Past the deadline the connection is closed: its pipeline would pair later answers with the wrong commands.
        let seconds = configuration.commandTimeoutSeconds + (timeoutSeconds ?? 0)
        let name = String(decoding: arguments.first?.respBytes ?? [], as: UTF8.self)
        // The answer's promise is failed by the deadline, and by a write that never reached the connection (it closed
        // in between): otherwise nothing would ever complete it.
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1_000))) { [self] in
            abandon()
            promise.fail(RedisError.timeout(command: name))
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        channel.writeAndFlush((buffer, promise), promise: Self.failing(promise, on: channel.eventLoop))
        return try await promise.futureResult.get()
    }

    private func abandon() {
        abandoned.store(true, ordering: .releasing)
    }

    /// A write promise that fails `answer` when the write does not happen. Completing a promise twice is ignored by
    /// NIO, so the answer's own outcome, when it comes first, stands.
    private static func failing(_ answer: EventLoopPromise<RESPValue>, on loop: any EventLoop) -> EventLoopPromise<Void> {
        let written = loop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in answer.fail(RedisError.connectionLost("the command was not sent: \(error)")) }
        return written
    }

    /// Closes the connection; commands still waiting fail with ``RedisError/connectionLost(_:)``.
    public func close() async {
        try? await channel.close()
    }
}
