import ApolloIOClient
import Foundation
import ProspectorServices

/// The overview: Apollo's mode and plan, the rate windows, credits against the budgets, queues, sync and dead jobs.
struct OverviewPage: Encodable {
    struct Gauge: Encodable {
        var window: String
        var used: Int
        var limit: Int?
        var left: String
        var resetsIn: String
        var high: Int
    }

    struct RouteRow: Encodable {
        var route: String
        var gauges: [Gauge]
    }

    struct GroupBlock: Encodable {
        var group: String
        var limits: String
        var blockedFor: String?
        var routes: [RouteRow]
        var hasRoutes: Bool
    }

    struct Credits: Encodable {
        var today: String
        var thisMonth: String
        var dailyCap: String
        var monthlyCap: String
        var remainingToday: String
        var remainingThisMonth: String
    }

    struct QueueRow: Encodable {
        var queue: String
        var available: Int
        var running: Int
        var completed: Int
        var dead: Int
        var cancelled: Int
    }

    struct SyncRow: Encodable {
        var object: String
        var lastRunAt: String
        var status: String
        var running: Bool
    }

    var chrome: PageChrome
    var mode: String
    var plan: String
    var groups: [GroupBlock]
    var credits: Credits
    var chart: CreditChart
    var queues: [QueueRow]
    var deadJobs: Int
    /// Redis did not answer: its queues are not counted.
    var redisUnavailable: Bool
    var syncs: [SyncRow]

    init(
        chrome: PageChrome, mode: String, plan: String, groups: [GroupRateGauges], credits report: CreditReport, days: [DailyCredits],
        depths: JobDepths, syncs: [SyncStatus]
    ) {
        self.chrome = chrome
        self.mode = mode
        self.plan = plan
        self.groups = groups.map { group in
            GroupBlock(
                group: group.group.rawValue,
                limits: RateLimitWindow.allCases.map { "\(group.limits[$0].map(String.init) ?? "no limit")/\($0.rawValue)" }.joined(separator: ", "),
                blockedFor: group.blockedForSeconds.map(DashboardFormat.duration),
                routes: group.routes.map { route in
                    RouteRow(
                        route: route.route,
                        gauges: route.windows.map { gauge in
                            Gauge(
                                window: gauge.window.rawValue, used: gauge.used, limit: gauge.limit, left: gauge.left.map(String.init) ?? "no limit",
                                resetsIn: DashboardFormat.duration(gauge.resetsInSeconds), high: Int(Double(gauge.limit ?? 0) * 0.8))
                        })
                }, hasRoutes: !group.routes.isEmpty)
        }
        func cap(_ value: Double?) -> String { value.map(DashboardFormat.credits) ?? "none" }
        self.credits = Credits(
            today: DashboardFormat.credits(report.all.today), thisMonth: DashboardFormat.credits(report.all.thisMonth),
            dailyCap: cap(report.budget.dailyCap), monthlyCap: cap(report.budget.monthlyCap),
            remainingToday: report.remainingToday.map(DashboardFormat.credits) ?? "no limit",
            remainingThisMonth: report.remainingThisMonth.map(DashboardFormat.credits) ?? "no limit")
        self.chart = CreditChart(days)
        self.queues = depths.queues.map { depth in
            QueueRow(
                queue: depth.queue, available: depth.count(.available), running: depth.count(.running), completed: depth.count(.completed),
                dead: depth.count(.dead), cancelled: depth.count(.cancelled))
        }
        self.deadJobs = depths.dead
        self.redisUnavailable = depths.redisUnavailable != nil
        self.syncs = syncs.map { status in
            SyncRow(
                object: status.object.rawValue, lastRunAt: DashboardFormat.time(status.lastRunAt), status: status.lastStatus ?? "never run",
                running: status.running)
        }
    }
}
