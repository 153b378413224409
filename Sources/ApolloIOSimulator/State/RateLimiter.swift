import Foundation

/// The three fixed windows (CONTRACT §5.1): each opens on the first request after the previous one closed.
enum SimWindow: String, CaseIterable, Sendable {
    case minute, hour, day

    var seconds: Double {
        switch self {
        case .minute: 60
        case .hour: 3_600
        case .day: 86_400
        }
    }

    var limitHeader: String {
        switch self {
        case .minute: "x-rate-limit-minute"
        case .hour: "x-rate-limit-hourly"
        case .day: "x-rate-limit-24-hour"
        }
    }

    var headerStem: String {
        switch self {
        case .minute: "minute"
        case .hour: "hourly"
        case .day: "24-hour"
        }
    }

    func limit(in limits: WindowLimits) -> Int? {
        switch self {
        case .minute: limits.minute
        case .hour: limits.hour
        case .day: limits.day
        }
    }
}

/// What the limiter decided for one call.
enum RateDecision: Sendable {
    case allowed(headers: [(String, String)])
    /// `retryAfter` is in simulated seconds.
    case rejected(window: SimWindow, limit: Int, retryAfter: Double)
}

/// Per-route counters of fixed windows (the contract counts per team and endpoint; the simulator has one team).
struct RateLimiter: Sendable {
    private struct Counter: Sendable {
        var start: Date
        var used: Int
    }

    private var counters: [String: [SimWindow: Counter]] = [:]

    /// Minute windows that have closed, per label: calls admitted and seconds until the next window opened (gaps
    /// included), so a benchmark can tell what share of the allowed calls a client used.
    private(set) var closedMinutes: [String: (windows: Int, calls: Int, seconds: Double)] = [:]

    mutating func reset() {
        counters = [:]
        closedMinutes = [:]
    }

    mutating func admit(label: String, limits: WindowLimits, now: Date) -> RateDecision {
        var windows = counters[label] ?? [:]
        for window in SimWindow.allCases {
            if let counter = windows[window], now.timeIntervalSince(counter.start) < window.seconds { continue }
            if window == .minute, let closed = windows[window] {
                var total = closedMinutes[label] ?? (0, 0, 0)
                total = (total.windows + 1, total.calls + closed.used, total.seconds + now.timeIntervalSince(closed.start))
                closedMinutes[label] = total
            }
            windows[window] = Counter(start: now, used: 0)
        }
        let exhausted = SimWindow.allCases.compactMap { window -> (SimWindow, Int, Double)? in
            guard let limit = window.limit(in: limits), let counter = windows[window], counter.used >= limit else { return nil }
            return (window, limit, counter.start.addingTimeInterval(window.seconds).timeIntervalSince(now))
        }
        if let longest = exhausted.max(by: { $0.2 < $1.2 }) {
            counters[label] = windows
            return .rejected(window: longest.0, limit: longest.1, retryAfter: max(longest.2, 0))
        }
        var headers: [(String, String)] = []
        for window in SimWindow.allCases {
            windows[window]!.used += 1
            guard let limit = window.limit(in: limits) else {
                headers.append((window.limitHeader, ""))
                continue
            }
            let used = windows[window]!.used
            headers.append((window.limitHeader, String(limit)))
            headers.append(("x-\(window.headerStem)-usage", String(used)))
            headers.append(("x-\(window.headerStem)-requests-left", String(max(0, limit - used))))
        }
        counters[label] = windows
        return .allowed(headers: headers)
    }

    /// Consumption per label and window, for `api_usage_stats`.
    func usage(label: String, window: SimWindow, now: Date) -> Int {
        guard let counter = counters[label]?[window], now.timeIntervalSince(counter.start) < window.seconds else { return 0 }
        return counter.used
    }
}
