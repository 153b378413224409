import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The real `prospector` executable run as a child process, with its output captured line by line.
public final class ProspectorProcess: Sendable {
    private let process: Process
    private let output = OutputBuffer()
    private let errors = OutputBuffer()

    /// A built executable of this package: in `PROSPECTOR_BIN_DIR`, else `.build/debug` beside this package.
    public static func binaryPath(_ name: String = "prospector") -> String {
        if let directory = ProcessInfo.processInfo.environment["PROSPECTOR_BIN_DIR"], !directory.isEmpty { return directory + "/" + name }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/\(name)").path
    }

    /// Starts `<executable> <arguments>` in `directory` with only the given environment (plus PATH and HOME).
    public init(executable: String = "prospector", arguments: [String], environment: [String: String] = [:], directory: URL) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaryPath(executable))
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = environment
        for key in ["PATH", "HOME"] { env[key] = env[key] ?? ProcessInfo.processInfo.environment[key] }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [output] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.append(text)
        }
        err.fileHandleForReading.readabilityHandler = { [errors] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            errors.append(text)
        }
        try process.run()
    }

    public var standardOutput: String { output.text }
    public var standardError: String { errors.text }
    public var isRunning: Bool { process.isRunning }

    /// Waits until a line of stdout starts with `prefix` and returns that line, or nil after the timeout.
    public func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(60)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = standardOutput.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) { return String(line) }
            if !process.isRunning { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits for the process to exit and returns its status.
    public func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends SIGINT, as Ctrl-C at a terminal does.
    public func interrupt() {
        Glibc.kill(process.processIdentifier, SIGINT)
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    public func kill() async throws {
        Glibc.kill(process.processIdentifier, SIGKILL)
        _ = try await waitForExit(timeout: .seconds(10))
    }

    /// Sends SIGTERM and returns the exit status, or nil when the process is still running after `timeout`.
    public func terminate(timeout: Duration = .seconds(30)) async throws -> Int32? {
        if process.isRunning { process.terminate() }
        return try await waitForExit(timeout: timeout)
    }

    /// Asks the process to stop (SIGTERM) and waits for it.
    public func stop() async throws {
        if process.isRunning { process.terminate() }
        _ = try await waitForExit(timeout: .seconds(20))
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// A TCP port that was free a moment ago on 127.0.0.1.
    public static func freePort() -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Text written by a child process, appended from the pipe's reader thread.
private final class OutputBuffer: Sendable {
    private let storage = Mutex<String>("")

    func append(_ text: String) { storage.withLock { $0 += text } }
    var text: String { storage.withLock { $0 } }
}
