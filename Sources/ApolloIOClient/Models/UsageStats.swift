import Foundation

/// Limit, consumption and what is left in one window or credit pool.
public struct UsageCounter: Sendable, Hashable, Codable {
    public var limit: Int?
    public var consumed: Double?
    public var leftOver: Double?
}

/// The per-route rate-limit report of `POST /usage_stats/api_usage_stats` (CONTRACT §12.1).
///
/// Apollo keys it by a stringified JSON array `["api/v1/contacts", "search"]`; each entry is decoded
/// into the controller route and the action.
public struct APIUsageStats: Sendable, Hashable, Decodable {
    /// One route's three windows.
    public struct Entry: Sendable, Hashable {
        public var controller: String
        public var action: String
        public var minute: UsageCounter?
        public var hour: UsageCounter?
        public var day: UsageCounter?
    }

    public var entries: [Entry]

    /// The entry for one controller route and action.
    public func entry(controller: String, action: String) -> Entry? {
        entries.first { $0.controller == controller && $0.action == action }
    }

    private struct Windows: Decodable {
        var minute: UsageCounter?
        var hour: UsageCounter?
        var day: UsageCounter?
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Windows].self)
        entries = raw.compactMap { key, windows in
            guard let parts = try? JSONDecoder().decode([String].self, from: Data(key.utf8)), parts.count == 2 else { return nil }
            return Entry(controller: parts[0], action: parts[1], minute: windows.minute, hour: windows.hour, day: windows.day)
        }
        .sorted { ($0.controller, $0.action) < ($1.controller, $1.action) }
    }
}

/// The team's credit pools from `POST /usage_stats/credit_usage_stats` (CONTRACT §12.2).
public struct CreditUsageStats: Sendable, Hashable, Decodable {
    /// Pool name (`lead_credit`, `direct_dial_credit`, …) → counter.
    public var creditUsageStats: [String: UsageCounter]
    public var currentCreditCycle: CreditCycle?

    /// The billing period the counters cover.
    public struct CreditCycle: Sendable, Hashable, Decodable {
        public var startDate: Date?
        public var endDate: Date?
    }
}
