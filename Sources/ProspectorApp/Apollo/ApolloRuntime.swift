import ApolloIOClient
import ApolloIOSimulator
import FluentKit
import ProspectorData
import Synchronization
import Vapor

/// The Apollo side of a running Prospector: the client, whether it talks to the sandbox, and the last limits seen.
public final class ApolloRuntime: Sendable {
    /// `sandbox` when the built-in simulator answers, `live` for api.apollo.io.
    public enum Mode: String, Sendable, Codable { case sandbox, live }

    public let mode: Mode
    /// The client; every call goes through the resilience pipeline, whose state lives in the database.
    public let client: ApolloClient
    /// The in-process simulator in sandbox mode.
    public let simulator: SimulatorServer?
    private let recorder = RateLimitRecorder()

    /// The rate-limit headers of the most recent Apollo response, with the route they came from.
    public struct LastRateLimit: Sendable, Codable {
        public var route: String
        public var status: RateLimitStatus
        public var seenAt: Date
    }

    private init(
        mode: Mode, configuration: ApolloClientConfiguration, settings: ResilienceSettings, database: any Database,
        simulator: SimulatorServer?, logger: Logger
    ) {
        self.mode = mode
        self.simulator = simulator
        let clock = settings.clock
        var pipeline = ApolloPipeline(
            governor: RateGovernor(store: SQLRateWindowStore(database: database, plan: settings.plan), policy: settings.governor, clock: clock),
            breaker: CircuitBreaker(policy: settings.breaker, clock: clock) { coolDown in
                logger.warning(
                    "circuit breaker opened: Apollo keeps failing; calls fail fast until a probe succeeds",
                    metadata: ["cool_down_seconds": "\(coolDown)"])
            }, retry: settings.retry,
            cache: LayeredResponseCacheStore(shared: SQLResponseCacheStore(database: database, clock: clock), clock: clock),
            cachePolicies: settings.cachePolicies)
        pipeline.credits = CreditGate(ledger: SQLCreditLedger(database: database), budget: settings.budget, clock: clock)
        let client = ApolloClient(
            configuration: configuration, logger: logger,
            rateLimitObserver: { [recorder] endpoint, status in
                recorder.record(LastRateLimit(route: endpoint.route, status: status, seenAt: Date()))
            }, pipeline: pipeline)
        self.client = client
    }

    /// The pipeline every call goes through.
    public var pipeline: ApolloPipeline { client.pipeline! }

    /// Replaces the plan profile's limits with the team's own from Apollo's usage-stats report; a failure is logged
    /// and the profile stays.
    public func refineLimits(logger: Logger) async {
        do {
            let refined = try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .background)) {
                try await pipeline.governor.refine(from: client.apiUsageStats().value)
            }
            logger.info("rate limits refined from Apollo's usage report", metadata: ["groups": "\(refined.keys.map(\.rawValue).sorted())"])
        } catch {
            logger.warning(
                "could not read Apollo's usage report; using the plan profile's limits", metadata: ["error": "\(APIErrorMiddleware.loggable(error))"])
        }
    }

    /// The last rate-limit status Apollo reported, if any call has been made.
    public var lastRateLimit: LastRateLimit? { recorder.last }

    /// Builds the runtime: live with the configured key, or sandbox with an in-process simulator started now.
    public static func start(_ configuration: AppConfiguration, database: any Database, logger: Logger) async throws -> ApolloRuntime {
        guard configuration.isSandbox else {
            let client = ApolloClientConfiguration(
                baseURL: configuration.apolloBaseURL, apiKey: configuration.apolloAPIKey,
                requestTimeoutSeconds: configuration.apolloTimeoutSeconds)
            return ApolloRuntime(
                mode: .live, configuration: client, settings: configuration.resilience, database: database, simulator: nil, logger: logger)
        }
        let simulator = try await SimulatorServer.start(port: configuration.sandboxSimulatorPort, logger: logger)
        logger.warning(
            """
            SANDBOX MODE: APOLLO_API_KEY is unset, so every Apollo call goes to the built-in simulator at \(simulator.baseURL). \
            No real data is read and no real credits are spent. Set APOLLO_API_KEY to talk to Apollo.
            """)
        let client = ApolloClientConfiguration(
            baseURL: simulator.baseURL, apiKey: SimulatorConfiguration.defaultMasterKey, requestTimeoutSeconds: configuration.apolloTimeoutSeconds)
        return ApolloRuntime(
            mode: .sandbox, configuration: client, settings: configuration.resilience, database: database, simulator: simulator, logger: logger)
    }

    /// Stops the sandbox simulator, if any.
    public func shutdown() async {
        await simulator?.shutdown()
    }
}

/// Holds the most recent rate-limit status; written from any thread by the client's observer.
private final class RateLimitRecorder: Sendable {
    private let state = Mutex<ApolloRuntime.LastRateLimit?>(nil)

    func record(_ status: ApolloRuntime.LastRateLimit) { state.withLock { $0 = status } }
    var last: ApolloRuntime.LastRateLimit? { state.withLock { $0 } }
}

extension Application {
    private struct ApolloRuntimeKey: StorageKey {
        typealias Value = ApolloRuntime
    }

    /// The Apollo runtime, once `serve` (or a test) has started it.
    public var apollo: ApolloRuntime? {
        get { storage[ApolloRuntimeKey.self] }
        set { storage[ApolloRuntimeKey.self] = newValue }
    }

    private struct ConfigurationKey: StorageKey {
        typealias Value = AppConfiguration
    }

    /// The configuration this application was built from.
    public var prospectorConfiguration: AppConfiguration {
        get { storage[ConfigurationKey.self]! }
        set { storage[ConfigurationKey.self] = newValue }
    }
}
