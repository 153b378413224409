import Foundation

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
