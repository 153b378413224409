import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// One line of `prospector doctor`: what was checked, how it stands, and what to do when it is wrong.
public struct DiagnosticCheck: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case ok, warning, problem
    }

    public var name: String
    public var status: Status
    public var detail: String
    public var fix: String?

    public init(_ name: String, _ status: Status, _ detail: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}

/// The checks of `prospector doctor`, each made for real: a statement, an Apollo call, the queue's own tables.
public struct Diagnostics: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Every migration Prospector ships, by name (its own and the queue's).
    public static var migrationNames: [String] { (ProspectorMigrations.all + JobQueueMigrations.all).map(\.name) }

    /// Whether the database answers, and has every migration applied.
    public func database(expectedMigrations: [String] = Diagnostics.migrationNames) async -> [DiagnosticCheck] {
        if let failure = await DatabaseHealth(database: database).check() {
            return [
                DiagnosticCheck(
                    "database", .problem, "unreachable: \(String(describing: type(of: failure)))",
                    fix: "check DATABASE_URL and that the database server is running and accepts this user")
            ]
        }
        let applied = (try? await MigrationLog.appliedNames(on: database)) ?? []
        let missing = expectedMigrations.filter { !applied.contains($0) }
        return [
            DiagnosticCheck("database", .ok, "reachable"),
            missing.isEmpty
                ? DiagnosticCheck("migrations", .ok, "all \(expectedMigrations.count) applied")
                : DiagnosticCheck(
                    "migrations", .problem, "\(missing.count) of \(expectedMigrations.count) not applied",
                    fix: "run `prospector migrate` (or start `prospector serve`, which migrates)"),
        ]
    }

    /// The Apollo key (a real call), whether it is a master key, the limits learnt, and clock skew against Apollo's
    /// `Date` header.
    public func apollo(_ client: ApolloClient, now: Date = Date()) async -> [DiagnosticCheck] {
        var checks: [DiagnosticCheck] = []
        do {
            let health = try await client.authHealth()
            guard health.value.isLoggedIn == true else {
                return [
                    DiagnosticCheck(
                        "apollo key", .problem, "Apollo does not accept the key", fix: "set APOLLO_API_KEY to a key from Apollo's settings (API)")
                ]
            }
            checks.append(DiagnosticCheck("apollo key", .ok, "accepted (\(client.configuration.baseURL))"))
            if let date = health.serverDate {
                let skew = now.timeIntervalSince(date)
                checks.append(
                    abs(skew) <= 5
                        ? DiagnosticCheck("clock", .ok, String(format: "%.1f s from Apollo's clock", skew))
                        : DiagnosticCheck(
                            "clock", .problem, String(format: "%.0f s away from Apollo's clock", skew),
                            fix: "synchronize this machine's clock (NTP): rate-limit windows and credit days follow Apollo's time"))
            } else {
                checks.append(DiagnosticCheck("clock", .warning, "Apollo sent no Date header to compare with"))
            }
        } catch {
            return [
                DiagnosticCheck(
                    "apollo key", .problem, "the call failed: \(error.logSummary)",
                    fix: "check APOLLO_API_KEY, APOLLO_BASE_URL and this machine's access to Apollo")
            ]
        }
        do {
            let stats = try await client.apiUsageStats()
            let limits = RateGovernor.limits(from: stats.value)
            checks.append(DiagnosticCheck("master key", .ok, "a master key: every endpoint is open to it"))
            let learnt = limits.sorted { $0.key.rawValue < $1.key.rawValue }.map { group, limit in
                "\(group.rawValue) \(limit.minute.map(String.init) ?? "-")/min \(limit.hour.map(String.init) ?? "-")/h \(limit.day.map(String.init) ?? "-")/day"
            }
            checks.append(DiagnosticCheck("rate limits", .ok, "learnt from Apollo's usage report: " + learnt.joined(separator: "; ")))
        } catch .forbidden(reason: .masterKeyRequired, _) {
            checks.append(
                DiagnosticCheck(
                    "master key", .warning, "not a master key: usage stats, users and some CRM endpoints answer 403",
                    fix: "use a master key if you need those (Apollo: Settings → API → create a master key)"))
            checks.append(DiagnosticCheck("rate limits", .warning, "not learnt (needs a master key): APOLLO_PLAN's profile is used"))
        } catch {
            checks.append(DiagnosticCheck("rate limits", .warning, "not learnt: \(error.logSummary); APOLLO_PLAN's profile is used"))
        }
        return checks
    }

    /// Worker heartbeats of the last minute, and dead jobs.
    public func jobs(now: Double = Date().timeIntervalSince1970) async -> [DiagnosticCheck] {
        do {
            let store = try JobStore(database: database)
            let workers = try await store.workers(seenSince: now - 60)
            let dead = try await store.countsByState()[.dead] ?? 0
            return [
                workers.isEmpty
                    ? DiagnosticCheck(
                        "workers", .problem, "no worker has sent a heartbeat in the last minute",
                        fix: "start `prospector worker` (or `prospector serve` without --no-worker)")
                    : DiagnosticCheck(
                        "workers", .ok, "\(workers.count) alive: " + workers.map { "\($0.workerID) (\($0.queues))" }.joined(separator: ", ")),
                dead == 0
                    ? DiagnosticCheck("dead jobs", .ok, "none")
                    : DiagnosticCheck(
                        "dead jobs", .warning, "\(dead) out of attempts",
                        fix: "read them with `prospector jobs list --state dead`; retry with `prospector jobs retry ID`"),
            ]
        } catch {
            return [
                DiagnosticCheck("jobs", .problem, "cannot read the queue: \(String(describing: type(of: error)))", fix: "run `prospector migrate`")
            ]
        }
    }
}
