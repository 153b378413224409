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

/// Credits charged per pool, for `credit_usage_stats`, `api_profile` and the counters; and how often each record was
/// charged for on each route (a client that pays twice for one record shows here).
struct CreditMeter: Sendable {
    private(set) var lead = 0.0
    private(set) var directDial = 0.0
    private(set) var byRoute: [String: Double] = [:]
    private(set) var chargesByRecord: [String: Int] = [:]

    /// `records`: the ids of the records paid for, counted per kind of purchase (a person enriched by match or bulk
    /// match is one purchase; revealing their phone is another).
    mutating func charge(lead amount: Double = 0, directDial dial: Double = 0, route: String, records: [String] = []) {
        lead += amount
        directDial += dial
        byRoute[route, default: 0] += amount + dial
        let purchase = route.contains("people/") ? "person" : route.contains("organizations/") ? "organization" : route
        for record in records { chargesByRecord["\(purchase) \(record)", default: 0] += 1 }
    }

    /// The records paid for more than once, with how often.
    var chargedMoreThanOnce: [String: Int] { chargesByRecord.filter { $0.value > 1 } }

    mutating func reset() { self = CreditMeter() }
}
