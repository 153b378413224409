/// Every call and every credit, for tests and benchmarks to read back.
struct CallCounters: Sendable {
    private(set) var calls: [String: [Int: Int]] = [:]
    private(set) var total = 0

    mutating func record(label: String, status: Int) {
        calls[label, default: [:]][status, default: 0] += 1
        total += 1
    }

    mutating func reset() {
        calls = [:]
        total = 0
    }

    var json: JSONValue {
        .object(
            calls.mapValues { statuses in
                .object(Dictionary(uniqueKeysWithValues: statuses.map { (String($0.key), JSONValue.int(Int64($0.value))) }))
            })
    }
}

/// Credits charged per pool, for `credit_usage_stats`, `api_profile` and the counters.
struct CreditMeter: Sendable {
    private(set) var lead = 0.0
    private(set) var directDial = 0.0
    private(set) var byRoute: [String: Double] = [:]

    mutating func charge(lead amount: Double = 0, directDial dial: Double = 0, route: String) {
        lead += amount
        directDial += dial
        byRoute[route, default: 0] += amount + dial
    }

    mutating func reset() { self = CreditMeter() }
}
