import ApolloIOClient
import Configuration
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import SystemPackage

/// Everything Prospector reads at boot: defaults, then an optional per-environment JSON file, then environment variables.
///
/// Keys are read through swift-configuration, so `apollo.apiKey` in the file is `APOLLO_API_KEY` in the environment.
public struct AppConfiguration: Sendable, CustomStringConvertible {
    public var environment: AppEnvironment
    /// Nil in sandbox mode.
    public var apolloAPIKey: String?
    public var apolloBaseURL: String
    public var apolloTimeoutSeconds: Int64
    public var database: DatabaseTarget
    /// PostgreSQL connections per event loop (`DATABASE_POOL_SIZE`); a worker's queue uses one event loop's pool.
    public var databasePoolSize: Int
    public var hostname: String
    public var port: Int
    /// The port of the in-process simulator in sandbox mode (0: any free port).
    public var sandboxSimulatorPort: Int
    /// Queues and their concurrency for workers (`WORKER_QUEUES`, e.g. `enrich=3,sync=1`).
    public var workerQueues: [String: Int]
    /// Queue name → its limiter, shared by every worker (`QUEUE_LIMITERS`, e.g. `apollo-enrichment=10/1000`); none by default.
    public var queueLimiters: [String: QueueLimiter] = [:]
    /// Poll only, without LISTEN/NOTIFY (for connection poolers that cannot LISTEN).
    public var jobsPollOnly: Bool
    /// How long a worker holds a job without renewing its lease (SQL) or lock (Redis, BullMQ's `lockDuration`):
    /// a job whose worker died runs again about this long after (`JOBS_LEASE_SECONDS`, default 30).
    public var jobsLeaseSeconds: Double = 30
    /// Rate governor, breaker, retries, cache and credit budgets.
    public var resilience: ResilienceSettings
    /// Minutes between scheduled syncs of each Apollo object (0: no schedule).
    public var syncIntervalMinutes: Double
    /// What happens when a deal enters a stage (`STAGE_RULES`, a JSON array; see docs/sync.md).
    public var stageRules: [StageRule]
    /// Whether `/metrics` is served, and the bearer token it requires (nil: open).
    public var metricsEnabled: Bool
    public var metricsToken: String?
    /// Where Apollo can reach this server for reveal callbacks (`PUBLIC_BASE_URL`); unset, the address `serve` is
    /// listening on (enough for the built-in simulator, not for the real Apollo, which needs public HTTPS).
    public var publicBaseURL: String?
    /// Seconds after a reveal's request when its result is polled if no callback came (`REVEALS_POLL_AFTER_SECONDS`).
    public var revealPollAfterSeconds: Double
    /// Suppression key, spend approval and retention.
    public var dataProtection = DataProtectionSettings()
    /// How long a dashboard sign-in lasts, in hours (`DASHBOARD_SESSION_HOURS`).
    public var dashboardSessionHours: Double = 12
    /// How long `serve` and `worker` wait for an unreachable database at start (`DATABASE_STARTUP_WAIT_SECONDS`):
    /// started beside a PostgreSQL that is still starting or restarting, they wait for it instead of exiting.
    public var databaseStartupWaitSeconds: Double = 30
    /// Where jobs added by name live (`JOBS_BACKEND`, `REDIS_URL`).
    public var jobsBackend: JobsBackend = .sql

    /// Whether Apollo calls go to the built-in simulator.
    public var isSandbox: Bool { apolloAPIKey == nil }

    /// Loads the configuration.
    /// - Parameter environmentVariables: the process environment (injectable for tests).
    /// - Throws: ``ConfigurationError`` naming the key at fault.
    public static func load(environmentVariables: [String: String] = ProcessInfo.processInfo.environment) async throws(ConfigurationError)
        -> AppConfiguration
    {
        let environmentName = environmentVariables["PROSPECTOR_ENV"].map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "development"
        guard let environment = AppEnvironment(rawValue: environmentName.isEmpty ? "development" : environmentName) else {
            throw .invalid(key: "PROSPECTOR_ENV", value: environmentName, expected: "one of development, testing, staging, production")
        }
        let reader = try await makeReader(environmentVariables, environment: environment)
        return try read(reader, environment: environment)
    }

    private static func makeReader(_ variables: [String: String], environment: AppEnvironment) async throws(ConfigurationError) -> ConfigReader {
        let explicitFile = variables["PROSPECTOR_CONFIG_FILE"]
        let path = explicitFile ?? "config/\(environment.rawValue).json"
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(
                environmentVariables: variables,
                secretsSpecifier: .specific(["APOLLO_API_KEY", "DATABASE_URL", "METRICS_TOKEN", "SUPPRESSION_SECRET"]))
        ]
        do {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path), allowMissing: explicitFile == nil))
        } catch {
            throw .unreadableFile(path: path, reason: "\(error)")
        }
        return ConfigReader(providers: providers)
    }

    private static func read(_ reader: ConfigReader, environment: AppEnvironment) throws(ConfigurationError) -> AppConfiguration {
        let apiKey = reader.string(forKey: "apollo.apiKey", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        if apiKey == nil && !environment.allowsSandbox {
            throw .missing(key: "APOLLO_API_KEY", reason: "sandbox mode is only available when PROSPECTOR_ENV is development or testing")
        }
        let databaseValue = reader.string(forKey: "database.url", isSecret: true) ?? "prospector.sqlite"
        let database: DatabaseTarget
        do {
            database = try DatabaseTarget.parse(databaseValue)
        } catch {
            switch error {
            case .invalid(let value): throw .invalid(key: "DATABASE_URL", value: value, expected: "a postgres:// URL or a SQLite file path")
            }
        }
        let baseURL = reader.string(forKey: "apollo.baseUrl") ?? ApolloClientConfiguration.productionBaseURL
        guard let parsed = URL(string: baseURL), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw .invalid(key: "APOLLO_BASE_URL", value: baseURL, expected: "an http(s) URL")
        }
        var configuration = AppConfiguration(
            environment: environment, apolloAPIKey: apiKey, apolloBaseURL: baseURL,
            apolloTimeoutSeconds: Int64(try integer(reader, "apollo.timeoutSeconds", env: "APOLLO_TIMEOUT_SECONDS", default: 30, range: 1...600)),
            database: database,
            databasePoolSize: try integer(reader, "database.poolSize", env: "DATABASE_POOL_SIZE", default: 2, range: 1...100),
            hostname: reader.string(forKey: "server.hostname") ?? "127.0.0.1",
            port: try integer(reader, "port", env: "PORT", default: 8080, range: 0...65_535),
            sandboxSimulatorPort: try integer(reader, "sandbox.simulatorPort", env: "SANDBOX_SIMULATOR_PORT", default: 0, range: 0...65_535),
            workerQueues: try queues(reader), jobsPollOnly: try boolean(reader, "jobs.pollOnly", env: "JOBS_POLL_ONLY", default: false),
            resilience: try ResilienceSettings.read(reader),
            syncIntervalMinutes: try number(reader, "sync.intervalMinutes", env: "SYNC_INTERVAL_MINUTES", default: 15, range: 0...10_080) ?? 15,
            stageRules: try stageRules(reader),
            metricsEnabled: try boolean(reader, "metrics.enabled", env: "METRICS_ENABLED", default: true),
            metricsToken: reader.string(forKey: "metrics.token", isSecret: true).flatMap { $0.isEmpty ? nil : $0 },
            publicBaseURL: try publicBaseURL(reader),
            revealPollAfterSeconds: try number(
                reader, "reveals.pollAfterSeconds", env: "REVEALS_POLL_AFTER_SECONDS", default: 600,
                range: 1...86_400) ?? 600)
        configuration.queueLimiters = try limiters(reader)
        configuration.jobsLeaseSeconds = try number(reader, "jobs.leaseSeconds", env: "JOBS_LEASE_SECONDS", default: 30, range: 2...3_600) ?? 30
        configuration.dataProtection = try DataProtectionSettings.read(reader)
        configuration.jobsBackend = try JobsBackend.read(reader)
        configuration.dashboardSessionHours =
            try number(reader, "dashboard.sessionHours", env: "DASHBOARD_SESSION_HOURS", default: 12, range: 0.01...720) ?? 12
        configuration.databaseStartupWaitSeconds =
            try number(reader, "database.startupWaitSeconds", env: "DATABASE_STARTUP_WAIT_SECONDS", default: 30, range: 0...3_600) ?? 30
        return configuration
    }

    static func integer(
        _ reader: ConfigReader, _ key: ConfigKey, env: String, default value: Int, range: ClosedRange<Int>
    ) throws(ConfigurationError) -> Int {
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        if let number = reader.int(forKey: key) {
            guard range.contains(number) else { throw .invalid(key: env, value: String(number), expected: expected) }
            return number
        }
        guard let text = reader.string(forKey: key) else { return value }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw .invalid(key: env, value: text, expected: expected)
        }
        return number
    }

    /// The default queues: one per job family of DESIGN.md, small concurrency for a laptop.
    public static let defaultWorkerQueues =
        "default=2,enrich=2,sync=1,automation=2,\(QueueName.apolloEnrichment)=\(QueueDefaults.apolloEnrichment.concurrency)"

    static func number(_ reader: ConfigReader, _ key: ConfigKey, env: String, default value: Double?, range: ClosedRange<Double>)
        throws(ConfigurationError) -> Double?
    {
        let expected = "a number from \(range.lowerBound) to \(range.upperBound)"
        // The text first, so that an error repeats what was written.
        if let text = reader.string(forKey: key) {
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return value }
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
                throw .invalid(key: env, value: text, expected: expected)
            }
            return number
        }
        guard let number = reader.double(forKey: key) else { return value }
        guard range.contains(number) else { throw .invalid(key: env, value: String(number), expected: expected) }
        return number
    }

    private static func publicBaseURL(_ reader: ConfigReader) throws(ConfigurationError) -> String? {
        guard let text = reader.string(forKey: "public.baseUrl")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.query == nil else {
            throw .invalid(key: "PUBLIC_BASE_URL", value: text, expected: "an http(s) URL without a query, e.g. https://prospector.example.com")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    private static func stageRules(_ reader: ConfigReader) throws(ConfigurationError) -> [StageRule] {
        guard let text = reader.string(forKey: "stage.rules"), !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        do {
            return try StageRule.parse(text)
        } catch {
            throw .invalid(
                key: "STAGE_RULES", value: String(text.prefix(200)),
                expected: "a JSON array of {stageId, tasks: [{type, title?, note?, dueInDays, assignee}]} (\(error))")
        }
    }

    /// Parses `name=concurrency[,name=concurrency…]` (`WORKER_QUEUES`, `worker --queues`).
    public static func parseWorkerQueues(_ text: String) throws -> [String: Int] {
        try WorkerOptions.parseQueues(text)
    }

    /// Parses `name=max/durationMs[,…]` (`QUEUE_LIMITERS`).
    static func limiters(_ reader: ConfigReader) throws(ConfigurationError) -> [String: QueueLimiter] {
        guard let text = reader.string(forKey: "queue.limiters"), !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [:] }
        var limiters: [String: QueueLimiter] = [:]
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[0].isEmpty, let limiter = QueueLimiter.parse(pieces[1]) else {
                throw .invalid(
                    key: "QUEUE_LIMITERS", value: text, expected: "name=max/durationMs[,name=max/durationMs…], e.g. apollo-enrichment=10/1000")
            }
            limiters[pieces[0]] = limiter
        }
        return limiters
    }

    private static func queues(_ reader: ConfigReader) throws(ConfigurationError) -> [String: Int] {
        let text = reader.string(forKey: "worker.queues") ?? defaultWorkerQueues
        do {
            return try WorkerOptions.parseQueues(text)
        } catch {
            throw .invalid(key: "WORKER_QUEUES", value: text, expected: "name=concurrency[,name=concurrency…] with concurrency 1–1000")
        }
    }

    static func boolean(_ reader: ConfigReader, _ key: ConfigKey, env: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = reader.string(forKey: key)?.lowercased() else { return reader.bool(forKey: key) ?? value }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalid(key: env, value: text, expected: "true or false")
        }
    }

    /// A summary safe for logs: the Apollo key and database password are never shown.
    public var description: String {
        "env=\(environment.rawValue) apollo=\(isSandbox ? "sandbox (built-in simulator)" : "live \(apolloBaseURL), key set (redacted)") "
            + "database=\(database)" + (jobsBackend.redis.map { " jobs=redis \($0.redacted)" } ?? "")
    }
}
