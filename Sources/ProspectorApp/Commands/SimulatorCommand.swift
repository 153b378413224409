import ApolloIOSimulator
import Vapor

/// `prospector simulator`: the Apollo simulator as a standalone server any HTTP client can use.
struct SimulatorCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", help: "Address to listen on (default 127.0.0.1)") var hostname: String?
        @Option(name: "port", help: "Port to listen on (default 8787)") var port: Int?
        @Option(name: "seed", help: "Seed of the synthetic data (default 42)") var seed: UInt64?
        @Option(name: "people", help: "Number of people (default 20000)") var people: Int?
        @Option(name: "organizations", help: "Number of organizations (default 2000)") var organizations: Int?
        @Option(name: "contacts", help: "Number of the team's CRM contacts (default 500, at most --people)") var contacts: Int?
        @Option(name: "plan", help: "free | basic | professional | organization | custom (default basic)") var plan: String?
        @Option(name: "limits", help: "group=minute[/hour[/day]][,…] over the plan's, e.g. enrichment=60 (0: no limit in that window)")
        var limits: String?
        @Option(name: "time-scale", help: "Simulated seconds per real second (default 1)") var timeScale: Double?
        @Option(name: "master-key", help: "The master key (default sim-master-key)") var masterKey: String?
        @Option(name: "scoped-key", help: "The scoped key (default sim-scoped-key)") var scopedKey: String?
        @Option(name: "webhook-delay", help: "Simulated seconds before a phone reveal is delivered (default 120)") var webhookDelay: Double?
        @Flag(name: "no-retry-after", help: "Send 429s without Retry-After") var noRetryAfter: Bool
    }

    var help: String { "Runs the Apollo.io simulator on its own (control API under /__simulator)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let configuration = try makeConfiguration(signature)
        let host = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8787
        let engine = SimulatorEngine(configuration: configuration)
        let app = try await Application.make(.custom(name: "simulator"))
        app.environment.arguments = ["prospector", "serve", "--hostname", host, "--port", String(port)]
        SimulatorServer.configure(app, engine: engine)
        let dispatcher = Task { await SimulatorServer.runWebhookDispatcher(engine: engine, logger: app.logger) }
        context.console.print("Apollo simulator on http://\(host):\(port)/api/v1 — plan \(configuration.plan.name), seed \(configuration.seed)")
        context.console.print("Master key: \(configuration.keys[0].key)   scoped key: \(configuration.keys[1].key)")
        context.console.print("Control API: http://\(host):\(port)/__simulator (counters, faults, time-scale, plan, mutations)")
        do {
            try await app.execute()
        } catch {
            dispatcher.cancel()
            try? await app.asyncShutdown()
            throw error
        }
        dispatcher.cancel()
        try await app.asyncShutdown()
    }

    private func makeConfiguration(_ signature: Signature) throws -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        if let seed = signature.seed { configuration.seed = seed }
        configuration.size = DatasetSize(
            people: signature.people ?? configuration.size.people, organizations: signature.organizations ?? configuration.size.organizations,
            contacts: signature.contacts ?? configuration.size.contacts)
        if let name = signature.plan {
            guard let plan = PlanProfile.named(name) else { throw SimulatorCommandError.invalidOption("--plan", name) }
            configuration.plan = plan
        }
        if let limits = signature.limits {
            for part in limits.split(separator: ",") {
                let pieces = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                let numbers = pieces.count == 2 ? pieces[1].split(separator: "/").map { Int($0) } : []
                guard pieces.count == 2, let group = RouteGroup(rawValue: pieces[0]), (1...3).contains(numbers.count),
                    numbers.allSatisfy({ ($0 ?? -1) >= 0 })
                else { throw SimulatorCommandError.invalidOption("--limits", limits) }
                let window = { (index: Int) -> Int? in index < numbers.count && numbers[index]! > 0 ? numbers[index] : nil }
                configuration.plan.setLimits(WindowLimits(minute: window(0), hour: window(1), day: window(2)), for: group)
            }
        }
        if let scale = signature.timeScale {
            guard scale > 0 else { throw SimulatorCommandError.invalidOption("--time-scale", String(scale)) }
            configuration.timeScale = scale
        }
        if let delay = signature.webhookDelay { configuration.webhookDelaySeconds = max(0, delay) }
        configuration.sendRetryAfter = !signature.noRetryAfter
        if let master = signature.masterKey { configuration.keys[0].key = master }
        if let scoped = signature.scopedKey { configuration.keys[1].key = scoped }
        return configuration
    }
}

/// A simulator option with a value it cannot use.
enum SimulatorCommandError: Error, CustomStringConvertible {
    case invalidOption(String, String)

    var description: String {
        switch self {
        case .invalidOption(let option, let value): "\(option) cannot be \"\(value)\""
        }
    }
}
