import Foundation

/// How the dashboard writes numbers, times and durations (UTC, as the API does).
enum DashboardFormat {
    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
            + " UTC"
    }

    static func time(seconds: Double?) -> String {
        time(seconds.map { Date(timeIntervalSince1970: $0) })
    }

    static func credits(_ value: Double) -> String {
        value.formatted(.number.precision(.fractionLength(0...2)).grouping(.never))
    }

    static func amount(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value.formatted(.number.precision(.fractionLength(0)))
    }

    /// A duration as an operator reads it: 42 s, 12 min, 3 h 5 min.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3_600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3_600) h \(whole / 60 % 60) min"
    }
}
