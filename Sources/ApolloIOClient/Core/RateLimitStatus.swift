import Foundation

/// One of Apollo's three fixed rate-limit windows.
public enum RateLimitWindow: String, Sendable, CaseIterable, Codable {
    case minute, hour, day

    /// The wait assumed after a 429 that names this window but sends no `Retry-After` (CONTRACT §5.3).
    public var fallbackRetrySeconds: Double {
        switch self {
        case .minute: 60
        case .hour: 15 * 60
        case .day: 60 * 60
        }
    }
}

/// What the headers of one response said about one window.
public enum WindowStatus: Sendable, Equatable, Codable {
    /// The header was present but empty: the endpoint has no limit in this window.
    case unlimited
    /// A limit with the usage Apollo counted so far and what is left.
    case limited(limit: Int, used: Int?, remaining: Int?)

    /// Calls left in this window, or nil when unlimited or unknown.
    public var remaining: Int? {
        if case .limited(let limit, let used, let remaining) = self {
            return remaining ?? used.map { max(0, limit - $0) }
        }
        return nil
    }
}

/// The rate-limit state of an endpoint group as read from a response's headers.
///
/// A nil window means the response carried no header for it (for example on 401/403 responses).
public struct RateLimitStatus: Sendable, Equatable, Codable {
    public var minute: WindowStatus?
    public var hour: WindowStatus?
    public var day: WindowStatus?

    public init(minute: WindowStatus? = nil, hour: WindowStatus? = nil, day: WindowStatus? = nil) {
        self.minute = minute
        self.hour = hour
        self.day = day
    }

    /// True when no rate-limit header was present at all.
    public var isEmpty: Bool { minute == nil && hour == nil && day == nil }

    /// The status of one window.
    public subscript(window: RateLimitWindow) -> WindowStatus? {
        switch window {
        case .minute: minute
        case .hour: hour
        case .day: day
        }
    }

    /// Reads the nine headers of CONTRACT §5.3, accepting both the `24-hour` and the older `daily` spellings.
    ///
    /// - Parameter header: returns the value of a header by lower-cased name, or nil when absent.
    public init(header: (String) -> String?) {
        func read(_ limitName: String, _ usageName: String, _ leftName: String) -> WindowStatus? {
            guard let rawLimit = header(limitName) else { return nil }
            let trimmed = rawLimit.trimmingCharacters(in: .whitespaces)
            guard let limit = Int(trimmed) else { return trimmed.isEmpty ? .unlimited : nil }
            return .limited(limit: limit, used: header(usageName).flatMap { Int($0) }, remaining: header(leftName).flatMap { Int($0) })
        }
        self.minute = read("x-rate-limit-minute", "x-minute-usage", "x-minute-requests-left")
        self.hour = read("x-rate-limit-hourly", "x-hourly-usage", "x-hourly-requests-left")
        self.day =
            read("x-rate-limit-24-hour", "x-24-hour-usage", "x-24-hour-requests-left")
            ?? read("x-rate-limit-daily", "x-daily-usage", "x-daily-requests-left")
    }
}
