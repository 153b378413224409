import Foundation

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
