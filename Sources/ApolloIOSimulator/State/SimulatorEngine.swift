import Foundation

/// All of the simulator's mutable state behind one actor: data, windows, credits, faults and counters.
public actor SimulatorEngine {
    public internal(set) var configuration: SimulatorConfiguration
    var data: Dataset
    var clock: SimulatedClock
    var limiter = RateLimiter()
    var faults = FaultSettings()
    var counters = CallCounters()
    var credits = CreditMeter()
    var reveals: [Int64: PendingReveal] = [:]
    /// Contact indices in a search order, kept until the contacts change (a 60,000-contact sync asks for 600 pages
    /// of one order).
    var contactOrders: [String: (revision: Int, indices: [Int])] = [:]
    var random: SeededGenerator
    var idClock: UInt32

    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.data = DatasetGenerator.generate(seed: configuration.seed, size: configuration.size)
        self.clock = SimulatedClock(scale: configuration.timeScale)
        self.random = SeededGenerator(seed: configuration.seed ^ 0xA5A5_5A5A)
        self.idClock = UInt32(Date().timeIntervalSince1970)
    }

    /// The simulated present.
    public var now: Date { clock.now() }

    /// Real seconds that a number of simulated seconds take at the current scale.
    func realSeconds(_ simulated: Double) -> Double { clock.realSeconds(simulated) }

    func newID() -> String {
        idClock &+= 1
        return ObjectID.make(timestamp: idClock, using: &random)
    }

    /// A signed 64-bit request id; a third are negative and most are beyond 2^53 (CONTRACT §3.1).
    func newRequestID() -> Int64 {
        Int64(bitPattern: random.next()) | (1 << 56)
    }

    /// Decides whether an injected fault replaces the call.
    func faultDecision() -> (FaultDecision, latencyMilliseconds: Int) {
        let latency = faults.latencyMilliseconds
        if let until = faults.outageUntil {
            if now < until { return (.outage, latency) }
            faults.outageUntil = nil
        }
        if faults.rateLimitBurst > 0 {
            faults.rateLimitBurst -= 1
            return (.rateLimitBurst, latency)
        }
        if faults.errorRate > 0, random.chance(faults.errorRate) { return (.serverError, latency) }
        if faults.connectionResetRate > 0, random.chance(faults.connectionResetRate) { return (.connectionReset, latency) }
        return (.none, latency)
    }

    /// Authentication, authorization, plan gate and rate limits, in Apollo's order (CONTRACT §15.2–3).
    func admit(apiKey: String?, route: SimRoute) -> Result<(SimulatorKey, [(String, String)]), SimResponseBox> {
        guard let apiKey, !apiKey.isEmpty else { return .failure(SimResponseBox(.error("Api key required"))) }
        guard let key = configuration.keys.first(where: { $0.key == apiKey }) else {
            return .failure(
                SimResponseBox(
                    SimResponse(
                        status: 401,
                        body: .text("Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate."))))
        }
        let masterOnly = configuration.masterKeyOnlyRoutes.contains(route.label)
        guard key.allows(label: route.label, masterKeyOnly: masterOnly) else {
            let message =
                masterOnly
                ? "This API key is not authorized to access \(route.label). This endpoint requires a master API key."
                : "This API key is not authorized to access \(route.label). Request an API key from your administrator that includes this endpoint in its configured scope."
            return .failure(SimResponseBox(.json(["error": .string(message), "error_code": "API_INACCESSIBLE"], status: 403)))
        }
        if route.paidOnly && !configuration.plan.paid {
            return .failure(SimResponseBox(.json(["message": "This endpoint is only available to Apollo users on paid plans."], status: 403)))
        }
        switch limiter.admit(label: route.label, limits: configuration.plan.limits(for: route.group), now: now) {
        case .allowed(let headers):
            return .success((key, headers))
        case .rejected(let window, let limit, let retryAfter):
            return .failure(SimResponseBox(rateLimited(route: route, window: window, limit: limit, retryAfterSimulated: retryAfter)))
        }
    }

    func rateLimited(route: SimRoute, window: SimWindow, limit: Int, retryAfterSimulated: Double) -> SimResponse {
        var response = SimResponse.json(
            [
                "message": .string(
                    "The maximum number of api calls allowed for \(route.label) is \(limit) times per \(window.rawValue). Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade."
                )
            ], status: 429)
        if configuration.sendRetryAfter {
            response.headers.append(("retry-after", Self.retryAfterText(realSeconds(retryAfterSimulated), scaled: clock.scale != 1)))
        }
        return response
    }

    /// Whole seconds at real time; milliseconds when time is scaled, so a scaled minute is not rounded to a real one.
    static func retryAfterText(_ seconds: Double, scaled: Bool) -> String {
        scaled ? String(format: "%.3f", max(seconds, 0.001)) : String(Int(seconds.rounded(.up)))
    }

    /// Records a finished call for the counters.
    func record(label: String, status: Int) { counters.record(label: label, status: status) }
}

/// Carries a response through `Result` (which needs an `Error` failure type).
struct SimResponseBox: Error {
    let response: SimResponse
    init(_ response: SimResponse) { self.response = response }
}
