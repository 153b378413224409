import ApolloIOClient
import Foundation
import ProspectorData

/// Credits of one UTC day, by endpoint.
public struct DailyCredits: Sendable, Equatable {
    public var day: Date
    public var byEndpoint: [String: Double]

    public var total: Double { byEndpoint.values.reduce(0, +) }
}

extension CreditService {
    /// The last `days` UTC days up to today, oldest first, every day present (zero when nothing was spent).
    public func daily(days: Int = 30) async throws -> [DailyCredits] {
        let today = Int((clock.now() / 86_400).rounded(.down))
        let first = today - days + 1
        let rows = try await SQLCreditLedger(database: database).dailyTotalsByEndpoint(since: Double(first) * 86_400)
        var byDay: [Int: [String: Double]] = [:]
        for row in rows where row.day >= first { byDay[row.day, default: [:]][row.endpoint, default: 0] += row.credits }
        return (first...today).map { DailyCredits(day: Date(timeIntervalSince1970: Double($0) * 86_400), byEndpoint: byDay[$0] ?? [:]) }
    }
}
