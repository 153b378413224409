import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// LISTENs on the queue's channel on a dedicated connection and rings the worker for each NOTIFY.
///
/// Only a hint: a lost notification costs at most one poll interval. The connection is re-opened with
/// backoff when it drops (a server restart), until the task is cancelled.
public struct PostgresWakeups: Sendable {
    public let configuration: PostgresConnection.Configuration
    public let logger: Logger

    /// - Parameter url: `postgres://user:password@host:port/database`.
    public init?(url: String, logger: Logger = Logger(label: "jobs.listen")) {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        self.logger = logger
    }

    /// Listens until cancelled, calling `wake` with the queue named in each notification.
    public func run(wake: @escaping @Sendable (String) -> Void) async {
        var delay: Duration = .milliseconds(100)
        var connectionID = 0
        while !Task.isCancelled {
            connectionID += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: connectionID, logger: logger)
                delay = .milliseconds(100)
                // Anything enqueued while we were disconnected is found by polling; wake everyone once.
                wake("")
                do {
                    try await connection.listen(on: JobStore.notifyChannel) { notifications in
                        for try await notification in notifications { wake(notification.payload) }
                    }
                } catch {
                    logger.notice("LISTEN connection ended", metadata: ["error": "\(error)"])
                }
                try? await connection.close()
            } catch {
                logger.notice("could not open the LISTEN connection; polling meanwhile", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }
}
