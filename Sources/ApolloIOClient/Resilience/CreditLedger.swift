import Foundation

/// Caps on credits spent, per UTC day and calendar month, for everyone and for each of our API keys.
public struct CreditBudget: Sendable, Equatable {
    public var dailyCap: Double?
    public var monthlyCap: Double?
    public var perKeyDailyCap: Double?
    public var perKeyMonthlyCap: Double?

    public init(dailyCap: Double? = nil, monthlyCap: Double? = nil, perKeyDailyCap: Double? = nil, perKeyMonthlyCap: Double? = nil) {
        self.dailyCap = dailyCap
        self.monthlyCap = monthlyCap
        self.perKeyDailyCap = perKeyDailyCap
        self.perKeyMonthlyCap = perKeyMonthlyCap
    }

    /// The caps that apply to a call, with the period each covers.
    public func caps(apiKeyID: String?) -> [(cap: Double, scope: CreditBudgetScope)] {
        var caps: [(Double, CreditBudgetScope)] = []
        if let dailyCap { caps.append((dailyCap, .daily)) }
        if let monthlyCap { caps.append((monthlyCap, .monthly)) }
        if let apiKeyID {
            if let perKeyDailyCap { caps.append((perKeyDailyCap, .keyDaily(apiKeyID))) }
            if let perKeyMonthlyCap { caps.append((perKeyMonthlyCap, .keyMonthly(apiKeyID))) }
        }
        return caps
    }
}

/// Which cap a call would cross.
public enum CreditBudgetScope: Sendable, Equatable, CustomStringConvertible {
    case daily, monthly
    case keyDaily(String)
    case keyMonthly(String)

    /// The key the cap is for, if it is a per-key cap.
    public var apiKeyID: String? {
        switch self {
        case .keyDaily(let key), .keyMonthly(let key): key
        case .daily, .monthly: nil
        }
    }

    /// Whether the cap covers the calendar month rather than the day.
    public var isMonthly: Bool {
        switch self {
        case .monthly, .keyMonthly: true
        case .daily, .keyDaily: false
        }
    }

    public var description: String {
        switch self {
        case .daily: "daily"
        case .monthly: "monthly"
        case .keyDaily: "daily (per API key)"
        case .keyMonthly: "monthly (per API key)"
        }
    }
}

/// One call's credits: reserved at the worst case before it is sent, settled at what Apollo charged.
public struct CreditEntry: Sendable, Equatable {
    public var route: String
    public var records: Int
    public var credits: Double
    public var apiKeyID: String?
    public var jobID: Int64?
    public var at: Double

    public init(route: String, records: Int, credits: Double, apiKeyID: String?, jobID: Int64?, at: Double) {
        self.route = route
        self.records = records
        self.credits = credits
        self.apiKeyID = apiKeyID
        self.jobID = jobID
        self.at = at
    }
}

/// The credit ledger: in memory for one process, in SQL (``CreditLedgerEntry``) when processes share a database.
public protocol CreditLedger: Sendable {
    /// Atomically checks every cap against what is spent or reserved in its period plus `entry.credits`, and
    /// records the reservation; returns its id.
    /// - Throws: ``ApolloError/creditBudgetExceeded(scope:cap:spent:requested:)`` before anything is spent.
    func reserve(_ entry: CreditEntry, budget: CreditBudget, dayStart: Double, monthStart: Double) async throws -> String
    /// Replaces a reservation with what the call really charged (0 when it failed or was answered locally).
    func settle(_ reservationID: String, credits: Double) async throws
    /// Credits spent or reserved since `since`, for everyone or for one key.
    func total(since: Double, apiKeyID: String?) async throws -> Double
}

/// A ledger for one process.
public actor InMemoryCreditLedger: CreditLedger {
    private var entries: [String: CreditEntry] = [:]
    private var nextID = 0

    public init() {}

    public func reserve(_ entry: CreditEntry, budget: CreditBudget, dayStart: Double, monthStart: Double) throws -> String {
        for (cap, scope) in budget.caps(apiKeyID: entry.apiKeyID) {
            let spent = total(since: scope.isMonthly ? monthStart : dayStart, apiKeyID: scope.apiKeyID)
            if spent + entry.credits > cap {
                throw ApolloError.creditBudgetExceeded(scope: scope, cap: cap, spent: spent, requested: entry.credits)
            }
        }
        nextID += 1
        entries[String(nextID)] = entry
        return String(nextID)
    }

    public func settle(_ reservationID: String, credits: Double) {
        entries[reservationID]?.credits = credits
    }

    public func total(since: Double, apiKeyID: String?) -> Double {
        entries.values.filter { $0.at >= since && (apiKeyID == nil || $0.apiKeyID == apiKeyID) }.reduce(0) { $0 + $1.credits }
    }

    /// Every entry, for tests and reports.
    public func all() -> [CreditEntry] { Array(entries.values) }
}

/// UTC day and month boundaries for budgets.
public enum CreditPeriods {
    /// The start of the UTC day and of the calendar month (UTC) containing `time`, in epoch seconds.
    public static func starts(at time: Double) -> (day: Double, month: Double) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: time)
        let day = calendar.startOfDay(for: date)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? day
        return (day.timeIntervalSince1970, month.timeIntervalSince1970)
    }
}
