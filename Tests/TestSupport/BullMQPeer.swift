import Foundation

/// BullMQ's Python port run as a subprocess (Tests/BullMQ/bullmq_peer.py), the real peer of the Redis job backend.
/// `PROSPECTOR_BULLMQ_PYTHON` names a Python with `bullmq` installed (./scripts/test makes one in a throwaway virtualenv).
public enum BullMQPeer {
    public static var python: String? { ProcessInfo.processInfo.environment["PROSPECTOR_BULLMQ_PYTHON"] }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("BullMQ/bullmq_peer.py").path
    }

    /// Runs one command to its end and returns what it printed; a non-zero exit throws with its error output.
    /// `redis` overrides the run's server URL (another numbered database of it).
    public static func run(_ arguments: [String], redis: String? = nil) async throws -> String {
        let process = try start(arguments, redis: redis)
        let output = try await process.finish()
        return output
    }

    /// A job as BullMQ's `Job` reads it (the peer's `job` command), nil when the answer is not a JSON object.
    public static func job(_ queue: String, _ id: String, redis: String? = nil) async throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: Data(try await run(["job", queue, id], redis: redis).utf8)) as? [String: Any]
    }

    /// Starts a long-running command (`work`, `events`) and returns once it printed "ready".
    public static func start(_ arguments: [String], redis: String? = nil) throws -> PeerProcess {
        guard let python, let url = redis ?? TestRedis.url else { throw PeerError.notConfigured }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, url] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return PeerProcess(process: process, output: output, errors: errors)
    }

    public enum PeerError: Error, CustomStringConvertible {
        case notConfigured
        case failed(status: Int32, errors: String)

        public var description: String {
            switch self {
            case .notConfigured: "PROSPECTOR_BULLMQ_PYTHON and PROSPECTOR_TEST_REDIS_URL are needed"
            case .failed(let status, let errors): "the BullMQ peer exited \(status): \(errors.suffix(2_000))"
            }
        }
    }
}

/// A running peer: its output so far, and its end.
public final class PeerProcess: @unchecked Sendable {
    let process: Process
    let output: Pipe
    let errors: Pipe
    private let lock = NSLock()
    private var buffer = Data()
    private var errorBuffer = Data()

    init(process: Process, output: Pipe, errors: Pipe) {
        self.process = process
        self.output = output
        self.errors = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock { self.buffer.append(chunk) }
        }
        // Read as it comes, so that a chatty peer never blocks on a full pipe.
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock { self.errorBuffer.append(chunk) }
        }
    }

    /// Everything printed so far.
    public var printed: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

    /// Waits until the peer printed `text` (e.g. "ready").
    public func waitFor(_ text: String, timeout: Duration = .seconds(60)) async throws {
        try await waitUntil(timeout: timeout) { self.printed.contains(text) }
    }

    /// Waits for the peer to exit and returns what it printed; a non-zero exit throws.
    public func finish(timeout: Duration = .seconds(120)) async throws -> String {
        try await waitUntil(timeout: timeout) { !self.process.isRunning }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let restErrors = errors.fileHandleForReading.readDataToEndOfFile()
        lock.withLock {
            buffer.append(rest)
            errorBuffer.append(restErrors)
        }
        guard process.terminationStatus == 0 else {
            throw BullMQPeer.PeerError.failed(
                status: process.terminationStatus, errors: lock.withLock { String(decoding: errorBuffer, as: UTF8.self) })
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the peer at once (a test's peer needs no graceful end).
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
