import ApolloIOClient
import ApolloIOSimulator
import FluentKit
import Foundation
import ProspectorData
import ProspectorServices

/// The services layer on its own, as the composition root wires it: a migrated database of the run's engine, and a
/// client whose pipeline keeps its state (windows, cache, ledger) in that database, talking HTTP to a simulator.
public enum ServicesHarness {
    public struct Context: Sendable {
        public let services: AppServices
        public let simulator: SimulatorServer
        public let database: any Database

        /// A second set of services on the same database, as another process would have (its own pipeline).
        public func anotherProcess() -> AppServices {
            ServicesHarness.services(database: database, baseURL: simulator.baseURL, budget: services.settings.budget, clock: services.settings.clock)
        }
    }

    @discardableResult
    public static func withServices<T>(
        simulator configuration: SimulatorConfiguration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30)),
        budget: CreditBudget = CreditBudget(), clock: (any ApolloClock)? = nil, _ body: (Context) async throws -> T
    ) async throws -> T {
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            try await TestDatabase.withDatabase { database in
                try await body(
                    Context(
                        services: services(database: database, baseURL: server.baseURL, budget: budget, clock: clock),
                        simulator: server, database: database))
            }
        }
    }

    static func services(database: any Database, baseURL: String, budget: CreditBudget, clock: (any ApolloClock)?) -> AppServices {
        let clock = clock ?? SystemApolloClock()
        var pipeline = ApolloPipeline(
            governor: RateGovernor(store: SQLRateWindowStore(database: database, plan: .basic), clock: clock), breaker: CircuitBreaker(clock: clock),
            cache: SQLResponseCacheStore(database: database, clock: clock))
        pipeline.credits = CreditGate(ledger: SQLCreditLedger(database: database), budget: budget, clock: clock)
        let client = ApolloClient(
            configuration: ApolloClientConfiguration(baseURL: baseURL, apiKey: SimulatorConfiguration.defaultMasterKey), pipeline: pipeline)
        return AppServices(
            database: database, apollo: ApolloAccess(client: client), settings: ServiceSettings(budget: budget, clock: clock),
            callbackBaseURL: { "http://127.0.0.1:9" })
    }
}
