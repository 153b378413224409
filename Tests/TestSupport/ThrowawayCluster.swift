import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL cluster of a test's own (initdb + pg_ctl), for tests that restart the server.
public final class ThrowawayCluster: Sendable {
    public let port: Int
    public let directory: String
    private let binDirectory: String
    private let asPostgresUser: Bool

    /// The admin URL of the cluster.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    private init(port: Int, directory: String, binDirectory: String, asPostgresUser: Bool) {
        self.port = port
        self.directory = directory
        self.binDirectory = binDirectory
        self.asPostgresUser = asPostgresUser
    }

    /// Creates and starts a cluster on a free port.
    public static func start() throws -> ThrowawayCluster {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard
            let bin = versions.sorted().reversed().map({ "/usr/lib/postgresql/\($0)/bin" })
                .first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") })
        else { throw ClusterError.notInstalled }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let root = getuid() == 0
        if root { try run("/bin/chown", ["postgres", directory], asPostgresUser: false) }
        let cluster = ThrowawayCluster(port: ProspectorProcess.freePort(), directory: directory, binDirectory: bin, asPostgresUser: root)
        try cluster.pg("initdb", ["-D", "\(directory)/data", "-U", "postgres", "-A", "trust", "--no-sync"])
        try cluster.pgCtl("start")
        return cluster
    }

    /// Restarts the server (every client connection is dropped).
    public func restart() throws { try pgCtl("restart", mode: "fast") }

    /// Stops the server and deletes its files.
    public func destroy() {
        try? pgCtl("stop", mode: "immediate")
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func pgCtl(_ action: String, mode: String? = nil) throws {
        var arguments = ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w"]
        if let mode { arguments += ["-m", mode] }
        arguments += ["-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", action]
        try pg("pg_ctl", arguments)
    }

    private func pg(_ tool: String, _ arguments: [String]) throws {
        try Self.run("\(binDirectory)/\(tool)", arguments, asPostgresUser: asPostgresUser)
    }

    /// Runs a command to completion with posix_spawn and waitpid (Foundation's Process did not notice pg_ctl exiting).
    private static func run(_ executable: String, _ arguments: [String], asPostgresUser: Bool) throws {
        let argv = asPostgresUser ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ) == 0 else {
            throw ClusterError.commandFailed(argv.joined(separator: " "))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw ClusterError.commandFailed(argv.joined(separator: " ")) }
    }

    public enum ClusterError: Error {
        case notInstalled
        case commandFailed(String)
    }
}
