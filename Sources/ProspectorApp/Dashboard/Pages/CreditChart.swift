import Foundation
import ProspectorServices

/// The 30-day credits chart, drawn on the server as SVG geometry: one stacked bar per day, one colour class per
/// endpoint, a title on every segment for screen readers and hover.
struct CreditChart: Encodable {
    struct Segment: Encodable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var series: Int
        var label: String
    }

    struct Legend: Encodable {
        var series: Int
        var endpoint: String
        var credits: String
    }

    static let width = 720.0
    static let height = 200.0
    static let seriesCount = 6

    var width = Self.width
    var height = Self.height
    var segments: [Segment]
    var legend: [Legend]
    var maximum: String
    var firstDay: String
    var lastDay: String
    var total: String

    init(_ days: [DailyCredits]) {
        // The biggest endpoints get their own colour; the rest share the last one.
        var totals: [String: Double] = [:]
        for day in days { for (endpoint, credits) in day.byEndpoint { totals[endpoint, default: 0] += credits } }
        let ranked = totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        func series(_ endpoint: String) -> Int { min(ranked.firstIndex(of: endpoint) ?? Self.seriesCount - 1, Self.seriesCount - 1) }
        let peak = max(days.map(\.total).max() ?? 0, 1)
        let slot = Self.width / Double(max(days.count, 1))
        var segments: [Segment] = []
        for (index, day) in days.enumerated() {
            var top = Self.height
            for endpoint in day.byEndpoint.keys.sorted(by: { series($0) < series($1) }) {
                let credits = day.byEndpoint[endpoint] ?? 0
                guard credits > 0 else { continue }
                let height = credits / peak * (Self.height - 10)
                top -= height
                segments.append(
                    Segment(
                        x: (Double(index) * slot + 1).rounded(toPlaces: 1), y: top.rounded(toPlaces: 1), width: (slot - 2).rounded(toPlaces: 1),
                        height: height.rounded(toPlaces: 1), series: series(endpoint),
                        label: "\(DashboardFormat.day(day.day)) \(endpoint): \(DashboardFormat.credits(credits)) credits"))
            }
        }
        self.segments = segments
        self.legend = ranked.prefix(Self.seriesCount).map {
            Legend(series: series($0), endpoint: $0, credits: DashboardFormat.credits(totals[$0] ?? 0))
        }
        self.maximum = DashboardFormat.credits(peak)
        self.firstDay = days.first.map { DashboardFormat.day($0.day) } ?? ""
        self.lastDay = days.last.map { DashboardFormat.day($0.day) } ?? ""
        self.total = DashboardFormat.credits(totals.values.reduce(0, +))
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = Foundation.pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
