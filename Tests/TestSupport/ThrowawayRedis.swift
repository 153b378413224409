import Foundation

/// A redis-server of a test's own (for restarts): on a free port in a temporary directory, the append-only file on
/// and written at every command, so that a restart loses nothing that was acknowledged.
public final class ThrowawayRedis: @unchecked Sendable {
    public let port: Int
    public let directory: URL
    private var process: Process?

    public var url: String { "redis://127.0.0.1:\(port)/0" }

    public init() throws {
        port = ProspectorProcess.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("prospector-redis-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start()
    }

    /// Whether a redis-server can be started here.
    public static var available: Bool {
        ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the server (again, on the same port and files).
    public func start() throws {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/redis-server")
                ? "/usr/bin/redis-server" : "/usr/local/bin/redis-server")
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--appendonly", "yes", "--appendfsync", "always", "--save", "",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Stops the server at once, as a crash would (SIGKILL).
    public func crash() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the server and removes its files.
    public func remove() {
        crash()
        try? FileManager.default.removeItem(at: directory)
    }
}
