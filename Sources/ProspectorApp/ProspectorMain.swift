import Foundation
import NIOCore
import NIOPosix
import Vapor

/// The whole program behind the `prospector` executable, kept in the library so it can be tested.
public enum ProspectorMain {
    /// Loads the configuration, builds the application and runs the command named on the command line.
    ///
    /// A configuration error is printed to stderr naming the key, and the process exits with status 78 (EX_CONFIG);
    /// any other error ends it with status 1 and one line on stderr, never a crash.
    public static func run() async {
        // Swift's tasks run on the event loops that serve the connections, so an async route answers on the thread that
        // read the request instead of hopping to the global pool and back (the HTTP benchmark: thread switches were the
        // largest cost of a cached read). Nothing in Prospector blocks a thread inside a task; SQLite's and files'
        // blocking calls run on NIO's thread pool.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            try await runCommand()
        } catch {
            FileHandle.standardError.write(Data("prospector: \(String(describing: error))\n".utf8))
            exit(1)
        }
    }

    /// Commands whose standard output is their result.
    static let dataCommands: Set<String> = [
        "jobs", "credits", "keys", "sync", "contacts", "retention", "approvals", "enrich", "search", "doctor",
    ]

    private static func runCommand() async throws {
        let configuration: AppConfiguration
        do {
            configuration = try await AppConfiguration.load()
        } catch {
            FileHandle.standardError.write(Data("prospector: configuration error: \(error.description)\n".utf8))
            exit(78)
        }
        var environment = configuration.environment.vapor
        environment.arguments = SyncCommand.normalize(CommandLine.arguments)
        // Commands that print data (JSON, ids) keep stdout for it: their log goes quiet unless asked (`--log`).
        if let command = CommandLine.arguments.dropFirst().first, dataCommands.contains(command), !CommandLine.arguments.contains("--log") {
            environment.arguments += ["--log", "error"]
        }
        try LoggingSystem.bootstrap(from: &environment) { level in
            let console = Terminal()
            return { label in PrivacyLogHandler(wrapping: ConsoleLogger(label: label, console: console, level: level)) }
        }
        ProspectorMetrics.bootstrap()
        let app = try await Application.make(environment)
        do {
            try Boot.configure(app, configuration: configuration)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
