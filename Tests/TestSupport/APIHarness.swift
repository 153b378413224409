import ApolloIOClient
import ApolloIOSimulator
import Foundation
import ProspectorApp
import ProspectorData
import ProspectorServices
import Vapor
import VaporTesting

/// The whole app on a real port, on the run's database engine, talking HTTP to a real simulator, with an admin key.
public enum APIHarness {
    public struct Context: Sendable {
        public let app: Application
        public let adminKey: String
        public let simulator: SimulatorServer
        public let baseURL: String

        /// Sends a request to the app over HTTP; `key` nil sends no Authorization header.
        public func send(_ method: String, _ path: String, key: String?, json: String? = nil, headers: [String: String] = [:]) async throws
            -> RawResponse
        {
            var all = headers
            if let key { all["authorization"] = "Bearer \(key)" }
            return try await RawHTTP.send(method, baseURL + path, headers: all, body: json)
        }

        /// Polls `GET /api/jobs/:id` until the job is in `state`; returns the job as JSON.
        @discardableResult
        public func waitForJob(_ id: Int, state: String = "completed", timeout: Duration = .seconds(30)) async throws -> [String: Any] {
            try await waitForJob(path: "/api/jobs/\(id)", state: state, timeout: timeout)
        }

        /// The same for a job the API names by its path (`/api/jobs/ID?queue=Q` for a BullMQ job on Redis).
        public func waitForJob(path: String, state: String = "completed", timeout: Duration = .seconds(30)) async throws -> [String: Any] {
            var job: [String: Any] = [:]
            try await waitUntil(timeout: timeout) {
                job = try await send("GET", path, key: adminKey).json["job"] as? [String: Any] ?? [:]
                return job["state"] as? String == state
            }
            return job
        }

        /// A new key with `scopes`.
        public func key(_ scopes: [String]) async throws -> String {
            try await APIKeyStore(database: app.db).create(name: "test \(scopes)", scopes: scopes).plaintext
        }
    }

    @discardableResult
    public static func withApp<T>(
        simulator configuration: SimulatorConfiguration = SimulatorConfiguration(size: DatasetSize(people: 2_000, organizations: 200)),
        environment extra: [String: String] = [:], worker: Bool = false, logger: Logger? = nil, _ body: (Context) async throws -> T
    ) async throws -> T {
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            try await TestDatabase.withTarget { target in
                var environment = [
                    "PROSPECTOR_ENV": "testing", "DATABASE_POOL_SIZE": "4", "APOLLO_API_KEY": SimulatorConfiguration.defaultMasterKey,
                    "APOLLO_BASE_URL": server.baseURL,
                ]
                switch target {
                case .sqlite(let path): environment["DATABASE_URL"] = path
                case .postgres(let url): environment["DATABASE_URL"] = url
                }
                let configuration = try await AppConfiguration.load(environmentVariables: environment.merging(extra) { $1 })
                let app = try await Application.make(.testing)
                if let logger { app.logger = logger } else { app.logger.logLevel = .warning }
                do {
                    try Boot.configure(app, configuration: configuration)
                    app.http.server.configuration.port = 0
                    let booted = try await Boot.start(
                        app, as: BootRole(startsApollo: true, workerQueues: worker ? ["enrich": 2, "automation": 2, "apollo-enrichment": 3] : nil))
                    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
                    let port = app.http.server.shared.localAddress?.port ?? 0
                    let admin = try await APIKeyStore(database: app.db).create(name: "admin", scopes: APIScope.allCases.map(\.rawValue)).plaintext
                    let result = try await body(Context(app: app, adminKey: admin, simulator: server, baseURL: "http://127.0.0.1:\(port)"))
                    await booted.shutdown()
                    await app.server.shutdown()
                    try await app.asyncShutdown()
                    return result
                } catch {
                    await app.server.shutdown()
                    try? await app.asyncShutdown()
                    throw error
                }
            }
        }
    }
}
