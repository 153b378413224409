import ApolloIOClient
import Foundation
import JobQueue
import ProspectorApp
import ProspectorData
import Testing

@Suite struct ConfigurationTests {
    @Test func defaults_developmentSandboxSQLiteInWorkingDirectory() async throws {
        let configuration = try await AppConfiguration.load(environmentVariables: [:])
        #expect(configuration.environment == .development)
        #expect(configuration.isSandbox)
        #expect(configuration.database == .sqlite(path: "prospector.sqlite"))
        #expect(configuration.hostname == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databasePoolSize == 2)
    }

    @Test(arguments: ["staging", "production"])
    func liveEnvironments_requireTheApolloKey(environment: String) async {
        await #expect(
            throws: ConfigurationError.missing(
                key: "APOLLO_API_KEY", reason: "sandbox mode is only available when PROSPECTOR_ENV is development or testing")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["PROSPECTOR_ENV": environment])
        }
    }

    @Test func dataProtectionSettings_areReadAndChecked() async throws {
        let defaults = try await AppConfiguration.load(environmentVariables: [:]).dataProtection
        #expect(defaults == DataProtectionSettings())
        #expect(defaults.retention.auditDays == 730 && defaults.approvalThresholdCredits == nil && defaults.suppressionSecret == nil)
        let set = try await AppConfiguration.load(
            environmentVariables: [
                "RETENTION_AUDIT_DAYS": "never", "RETENTION_FINISHED_JOBS_DAYS": "7", "CREDITS_APPROVAL_THRESHOLD": "500",
                "APPROVAL_TTL_HOURS": "24", "SUPPRESSION_SECRET": String(repeating: "s", count: 40),
            ]
        ).dataProtection
        #expect(set.retention.auditDays == nil && set.retention.finishedJobsDays == 7 && set.retention.rawRecordsDays == 180)
        #expect(set.approvalThresholdCredits == 500 && set.approvalTTLHours == 24 && set.suppressionSecret?.count == 40)
        await #expect(throws: ConfigurationError.invalid(key: "SUPPRESSION_SECRET", value: "(redacted, 5 bytes)", expected: "at least 32 characters"))
        {
            _ = try await AppConfiguration.load(environmentVariables: ["SUPPRESSION_SECRET": "short"])
        }
        await #expect(
            throws: ConfigurationError.invalid(key: "CREDITS_APPROVAL_THRESHOLD", value: "lots", expected: "a number from 0.0 to 10000000.0")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["CREDITS_APPROVAL_THRESHOLD": "lots"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "RETENTION_AUDIT_DAYS", value: "forever", expected: "a number from 0.001 to 36500.0")) {
            _ = try await AppConfiguration.load(environmentVariables: ["RETENTION_AUDIT_DAYS": "forever"])
        }
    }

    @Test func invalidValues_nameTheirKey() async throws {
        await #expect(
            throws: ConfigurationError.invalid(key: "PROSPECTOR_ENV", value: "prod", expected: "one of development, testing, staging, production")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["PROSPECTOR_ENV": "prod"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "PORT", value: "eighty", expected: "an integer from 0 to 65535")) {
            _ = try await AppConfiguration.load(environmentVariables: ["PORT": "eighty"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "APOLLO_BASE_URL", value: "ftp://x", expected: "an http(s) URL")) {
            _ = try await AppConfiguration.load(environmentVariables: ["APOLLO_BASE_URL": "ftp://x"])
        }
        await #expect(
            throws: ConfigurationError.invalid(key: "DATABASE_URL", value: "mysql://db", expected: "a postgres:// URL or a SQLite file path")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["DATABASE_URL": "mysql://db"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "APOLLO_BREAKER_COOLDOWN_SECONDS", value: "0", expected: "a number from 1.0 to 3600.0"))
        {
            _ = try await AppConfiguration.load(environmentVariables: ["APOLLO_BREAKER_COOLDOWN_SECONDS": "0"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "DATABASE_POOL_SIZE", value: "0", expected: "an integer from 1 to 100")) {
            _ = try await AppConfiguration.load(environmentVariables: ["DATABASE_POOL_SIZE": "0"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "DATABASE_STARTUP_WAIT_SECONDS", value: "-1", expected: "a number from 0.0 to 3600.0"))
        {
            _ = try await AppConfiguration.load(environmentVariables: ["DATABASE_STARTUP_WAIT_SECONDS": "-1"])
        }
        #expect(try await AppConfiguration.load(environmentVariables: ["DATABASE_STARTUP_WAIT_SECONDS": "0"]).databaseStartupWaitSeconds == 0)
    }

    @Test func reserveLending_andQueueLimiters_areCheckedAtBoot() async throws {
        let defaults = try await AppConfiguration.load(environmentVariables: [:])
        #expect(defaults.resilience.governor.lending == ReserveLending(floorShare: 0.03, lateShare: 0.25, quietSeconds: 30))
        #expect(defaults.queueLimiters.isEmpty && defaults.workerQueues["apollo-enrichment"] == 3)
        let configured = try await AppConfiguration.load(environmentVariables: [
            "APOLLO_RESERVE_FLOOR_SHARE": "0.05", "APOLLO_RESERVE_LEND_LATE_SHARE": "0.5", "APOLLO_RESERVE_QUIET_SECONDS": "10",
            "QUEUE_LIMITERS": "apollo-enrichment=10/1000, enrich=5/60000",
        ])
        #expect(configured.resilience.governor.lending == ReserveLending(floorShare: 0.05, lateShare: 0.5, quietSeconds: 10))
        #expect(
            configured.queueLimiters == [
                "apollo-enrichment": QueueLimiter(max: 10, durationMilliseconds: 1_000), "enrich": QueueLimiter(max: 5, durationMilliseconds: 60_000),
            ])
        let noReserve = try await AppConfiguration.load(environmentVariables: ["APOLLO_INTERACTIVE_SHARE": "0"])
        #expect(noReserve.resilience.governor.lending?.floorShare == 0, "no reserve: the default floor follows it down")
        let fixed = try await AppConfiguration.load(environmentVariables: ["APOLLO_RESERVE_LENDING": "false"])
        #expect(fixed.resilience.governor.lending == nil)
        await #expect(
            throws: ConfigurationError.invalid(key: "APOLLO_RESERVE_FLOOR_SHARE", value: "0.3", expected: "at most APOLLO_INTERACTIVE_SHARE (0.2)")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["APOLLO_RESERVE_FLOOR_SHARE": "0.3"])
        }
        for (key, value) in [("APOLLO_RESERVE_LEND_LATE_SHARE", "0"), ("APOLLO_RESERVE_QUIET_SECONDS", "-1"), ("APOLLO_RESERVE_LENDING", "maybe")] {
            do {
                _ = try await AppConfiguration.load(environmentVariables: [key: value])
                Issue.record("\(key)=\(value) was accepted")
            } catch {
                #expect(error.description.contains(key), "\(error.description)")
            }
        }
        do {
            _ = try await AppConfiguration.load(environmentVariables: ["QUEUE_LIMITERS": "apollo-enrichment=ten"])
            Issue.record("a bad limiter was accepted")
        } catch {
            #expect(error.description.contains("QUEUE_LIMITERS"))
        }
    }

    @Test func revealSettings_areCheckedAndNormalized() async throws {
        let configured = try await AppConfiguration.load(environmentVariables: [
            "PUBLIC_BASE_URL": "https://prospector.example.com/", "REVEALS_POLL_AFTER_SECONDS": "30",
        ])
        #expect(configured.publicBaseURL == "https://prospector.example.com" && configured.revealPollAfterSeconds == 30)
        let defaults = try await AppConfiguration.load(environmentVariables: [:])
        #expect(defaults.publicBaseURL == nil && defaults.revealPollAfterSeconds == 600)
        await #expect(
            throws: ConfigurationError.invalid(
                key: "PUBLIC_BASE_URL", value: "prospector.example.com",
                expected: "an http(s) URL without a query, e.g. https://prospector.example.com")
        ) {
            _ = try await AppConfiguration.load(environmentVariables: ["PUBLIC_BASE_URL": "prospector.example.com"])
        }
        await #expect(throws: ConfigurationError.invalid(key: "REVEALS_POLL_AFTER_SECONDS", value: "0", expected: "a number from 1.0 to 86400.0")) {
            _ = try await AppConfiguration.load(environmentVariables: ["REVEALS_POLL_AFTER_SECONDS": "0"])
        }
    }

    @Test func file_isReadAndEnvironmentVariablesWin() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prospector-\(UUID().uuidString).json")
        try Data(
            #"{"apollo": {"apiKey": "from-file", "timeoutSeconds": 12}, "port": 9000, "database": {"url": "postgres://u:secret@db.internal/p"}}"#.utf8
        )
        .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try await AppConfiguration.load(environmentVariables: [
            "PROSPECTOR_ENV": "production", "PROSPECTOR_CONFIG_FILE": file.path, "PORT": "9100",
        ])
        #expect(configuration.apolloAPIKey == "from-file")
        #expect(configuration.apolloTimeoutSeconds == 12)
        #expect(configuration.port == 9100)
        #expect(!configuration.isSandbox)
        #expect(configuration.database == .postgres(url: "postgres://u:secret@db.internal/p"))
        #expect(!configuration.description.contains("secret"))
        #expect(!configuration.description.contains("from-file"))
    }

    @Test func explicitFile_mustExist() async {
        do {
            _ = try await AppConfiguration.load(environmentVariables: ["PROSPECTOR_CONFIG_FILE": "/nonexistent/prospector.json"])
            Issue.record("expected an error")
        } catch {
            guard case .unreadableFile(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/nonexistent/prospector.json")
        }
    }
}
