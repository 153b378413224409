import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where the data lives, parsed from `DATABASE_URL`: a `postgres://` URL or a SQLite file path.
public enum DatabaseTarget: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The engine's name as `/health` reports it.
    public var engine: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// Reads `DATABASE_URL`; `sqlite://path`, `sqlite:path` and a bare path are SQLite files.
    public static func parse(_ value: String) throws(DatabaseTargetError) -> DatabaseTarget {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            guard let url = URL(string: trimmed), url.host != nil else { throw .invalid(value: redacted(trimmed)) }
            return .postgres(url: trimmed)
        }
        var path = trimmed
        for prefix in ["sqlite://", "sqlite:"] where path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        guard !path.isEmpty, !path.contains("://") else { throw .invalid(value: redacted(trimmed)) }
        return .sqlite(path: path)
    }

    /// Registers the database with Fluent as the default; on PostgreSQL, each event loop's pool holds up to
    /// `connectionsPerEventLoop` connections, and a statement waits at most `poolTimeout` for one.
    public func configure(_ databases: Databases, connectionsPerEventLoop: Int = 1, poolTimeout: TimeAmount = .seconds(10)) throws {
        switch self {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path)), as: .sqlite)
        case .postgres(let url):
            databases.use(
                try .postgres(
                    configuration: SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: connectionsPerEventLoop,
                    connectionPoolTimeout: poolTimeout), as: .psql)
        }
    }

    /// `sqlite` or `postgresql`.
    public var engineName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// The target with any password removed, safe for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://***"
    }
}

/// A `DATABASE_URL` that names no usable database.
public enum DatabaseTargetError: Error, Equatable {
    case invalid(value: String)
}
