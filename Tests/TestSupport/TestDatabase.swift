import Fluent
import FluentPostgresDriver
import Foundation
import JobQueue
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import ProspectorData
import SQLKit

/// The database engine a test run uses: PostgreSQL when `PROSPECTOR_TEST_POSTGRES_URL` is set, else SQLite.
///
/// `./scripts/test` runs the whole suite once per engine. Every test gets a database of its own:
/// a fresh SQLite file, or a fresh PostgreSQL database created on the test cluster and dropped afterwards.
public enum TestDatabase {
    /// The admin URL of the PostgreSQL test cluster, when this run is the PostgreSQL one.
    public static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["PROSPECTOR_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `postgresql` or `sqlite`.
    public static var engine: String { postgresAdminURL == nil ? "sqlite" : "postgresql" }

    /// Runs `body` with a database of its own, removed afterwards.
    @discardableResult
    public static func withTarget<T>(_ body: (DatabaseTarget) async throws -> T) async throws -> T {
        let name = "prospector_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        guard let admin = postgresAdminURL else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body(.sqlite(path: directory.appendingPathComponent("test.sqlite").path))
        }
        try await runAdmin(admin, "CREATE DATABASE \(name)")
        do {
            let result = try await body(.postgres(url: replacingDatabase(in: admin, with: name)))
            try await runAdmin(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            return result
        } catch {
            try? await runAdmin(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    /// On the PostgreSQL run: runs `body` with the URL of a database that does not exist yet and a function that
    /// creates it (a database server that is not ready for a process that starts first); dropped afterwards.
    public static func withPostgresDatabaseCreatedLater(_ body: (_ url: String, _ create: @Sendable () async throws -> Void) async throws -> Void)
        async throws
    {
        guard let admin = postgresAdminURL else { return }
        let name = "prospector_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        defer { Task { try? await runAdmin(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        try await body(replacingDatabase(in: admin, with: name)) { try await runAdmin(admin, "CREATE DATABASE \(name)") }
    }

    /// Runs `body` with a migrated Fluent database of its own.
    @discardableResult
    public static func withDatabase<T>(_ body: (any Database) async throws -> T) async throws -> T {
        try await withTarget { target in try await withMigrated(target, body) }
    }

    /// Migrates the database at `target` and runs `body` with it.
    @discardableResult
    public static func withMigrated<T>(_ target: DatabaseTarget, _ body: (any Database) async throws -> T) async throws -> T {
        try await withExisting(target) { database in
            let migrations = Migrations()
            migrations.add(ProspectorMigrations.all)
            migrations.add(JobQueueMigrations.all)
            let migrator = Migrator(
                databaseFactory: { _ in database }, migrations: migrations, on: MultiThreadedEventLoopGroup.singleton.any())
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            return try await body(database)
        }
    }

    /// Runs `body` with a Fluent database connected to `target`, closed afterwards.
    @discardableResult
    public static func withExisting<T>(_ target: DatabaseTarget, _ body: (any Database) async throws -> T) async throws -> T {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        // Sized for a busy machine: tests run side by side, and a statement waiting a minute for a connection is a
        // slow test, not a failed one (the default ten seconds failed runs on a loaded CI machine).
        try target.configure(databases, connectionsPerEventLoop: 4, poolTimeout: .seconds(60))
        let database = databases.database(logger: quietLogger, on: MultiThreadedEventLoopGroup.singleton.any())!
        do {
            let result = try await body(database)
            await databases.shutdownAsync()
            return result
        } catch {
            await databases.shutdownAsync()
            throw error
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }

    private static func runAdmin(_ url: String, _ sql: String) async throws {
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.coreConfiguration.host ?? "127.0.0.1", port: configuration.coreConfiguration.port ?? 5432,
                username: configuration.coreConfiguration.username, password: configuration.coreConfiguration.password,
                database: configuration.coreConfiguration.database, tls: .disable),
            id: 1, logger: Logger(label: "test.postgres.admin"))
        defer { Task { try? await connection.close() } }
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test.postgres.admin"))
    }
}

/// Test databases log warnings only: migrations at info level would drown the test output.
private let quietLogger: Logger = {
    var logger = Logger(label: "test.database")
    logger.logLevel = .warning
    return logger
}()
