import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// `prospector enrich`, `prospector search` and `prospector doctor` as real processes against a simulator over HTTP,
/// on the run's engine.
@Suite(.serialized) struct ListCommandsTests {
    private struct Setup {
        let server: SimulatorServer
        let environment: [String: String]
        let directory: URL

        func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> (status: Int32?, output: String, errors: String) {
            let process = try ProspectorProcess(arguments: arguments, environment: environment.merging(extra) { $1 }, directory: directory)
            let status = try await process.waitForExit(timeout: .seconds(120))
            return (status, process.standardOutput, process.standardError)
        }

        func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func write(_ name: String, _ text: String) throws { try text.write(toFile: file(name), atomically: true, encoding: .utf8) }

        func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }
    }

    private func withSetup(people: Int = 400, _ body: (Setup) async throws -> Void) async throws {
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: people, organizations: 40))) { server, _ in
            try await TestDatabase.withTarget { target in
                let url =
                    switch target {
                    case .sqlite(let path): path
                    case .postgres(let url): url
                    }
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                let environment = [
                    "PROSPECTOR_ENV": "testing", "DATABASE_URL": url, "APOLLO_API_KEY": SimulatorConfiguration.defaultMasterKey,
                    "APOLLO_BASE_URL": server.baseURL,
                ]
                try await body(Setup(server: server, environment: environment, directory: directory))
            }
        }
    }

    /// Data rows of a CSV file, parsed by the test's own reader (quoted fields with commas and line breaks).
    private static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    @Test func enrich_writesOneRowPerInput_passesColumnsThrough_rejectsBadRows_andPaysUniqueMatchesOnly() async throws {
        try await withSetup { setup in
            let emails = await setup.server.engine.snapshot().people.compactMap(\.email).prefix(25)
            var lines = [" E-mail ,First_Name,last name,Company Domain,Notes"]
            lines += emails.map { "\($0),,,,plain" }
            lines += [emails.first!.uppercased() + ",,,,\"a note, with a comma\nand a line break\"", "not-an-email,,,,x", ",,,,nobody named"]
            try setup.write("people.csv", lines.joined(separator: "\n") + "\n")

            let dry = try await setup.run(["enrich", "--in", setup.file("people.csv"), "--out", setup.file("out.csv"), "--dry-run"])
            #expect(dry.status == 0, "\(dry.errors)")
            #expect(dry.output.contains("rows: 28") && dry.output.contains("bad rows: 2") && dry.output.contains("new records: 25"), "\(dry.output)")
            #expect(dry.output.contains("worst-case credits: 25") && dry.output.contains("Apollo calls: 3"))
            #expect(await setup.server.engine.creditsCharged == 0 && !FileManager.default.fileExists(atPath: setup.file("out.csv")))

            let refused = try await setup.run(["enrich", "--in", setup.file("people.csv"), "--out", setup.file("out.csv"), "--confirm-above", "5"])
            #expect(refused.status != 0 && refused.errors.contains("--yes"), "\(refused.errors)")
            #expect(await setup.server.engine.creditsCharged == 0)

            let run = try await setup.run(["enrich", "--in", setup.file("people.csv"), "--out", setup.file("out.csv"), "--yes"])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.errors.contains("progress: 28/28 rows"), "plain progress lines off a terminal: \(run.errors)")
            let out = Self.records(try setup.read("out.csv"))
            #expect(out.count == 29 && out[0].prefix(5) == [" E-mail ", "First_Name", "last name", "Company Domain", "Notes"])
            #expect(out[0].contains("status") && out.dropFirst().allSatisfy { $0.count == out[0].count }, "\(out[0])")
            let status = out[0].firstIndex(of: "status")!
            #expect(out[1...25].allSatisfy { $0[status] == "matched" } && out[26][status] == "matched", "a duplicate in other case")
            #expect(out[26][4] == "a note, with a comma\nand a line break", "other columns pass through unchanged")
            #expect(out[27][status].hasPrefix("skipped: ") && out[28][status].hasPrefix("skipped: "))
            let rejects = Self.records(try setup.read("out.csv.rejects.csv"))
            #expect(rejects.count == 3 && rejects[1][0] == "28" && rejects[2][0] == "29", "\(rejects)")
            #expect(await setup.server.engine.creditsCharged == 25, "unique matches only")
            #expect(await setup.server.engine.callCount(route: "api/v1/people/bulk_match") == 3, "0.1 calls per record")
            #expect(!FileManager.default.fileExists(atPath: ListCheckpointPath.of(setup.file("out.csv"))), "a finished run leaves no progress file")
        }
    }

    /// A 400-row list with slow answers, stopped part-way by `stop` and run again with the same arguments.
    private func interruptedRun(_ stop: (ProspectorProcess) async throws -> Void) async throws -> (
        charged: Double, paidBefore: Double, rows: [[String]], emails: [String], errors: String
    ) {
        var result: (Double, Double, [[String]], [String], String) = (0, 0, [], [], "")
        try await withSetup(people: 800) { setup in
            let emails = Array(await setup.server.engine.snapshot().people.compactMap(\.email).prefix(400))
            try setup.write("people.csv", (["email"] + emails).joined(separator: "\n") + "\n")
            var slow = FaultSettings()
            slow.latencyMilliseconds = 400
            await setup.server.engine.setFaults(slow)
            let arguments = ["enrich", "--in", setup.file("people.csv"), "--out", setup.file("out.csv"), "--yes"]
            let first = try ProspectorProcess(arguments: arguments, environment: setup.environment, directory: setup.directory)
            try await waitUntil(timeout: .seconds(60)) {
                #expect(
                    first.isRunning || FileManager.default.fileExists(atPath: ListCheckpointPath.of(setup.file("out.csv"))), "\(first.standardError)")
                return FileManager.default.fileExists(atPath: ListCheckpointPath.of(setup.file("out.csv")))
            }
            try await stop(first)
            let paidBefore = await setup.server.engine.creditsCharged
            await setup.server.engine.setFaults(FaultSettings())
            let second = try await setup.run(arguments)
            #expect(second.status == 0 && second.errors.contains("resuming after row"), "\(second.errors)")
            result = (await setup.server.engine.creditsCharged, paidBefore, Self.records(try setup.read("out.csv")), emails, first.standardError)
        }
        return result
    }

    @Test func enrich_stoppedByCtrlC_finishesItsChunk_andTheNextRunPaysNothingTwice() async throws {
        let run = try await interruptedRun { process throws in
            process.interrupt()
            let status = try await process.waitForExit(timeout: .seconds(60))
            #expect(status == 1, "Ctrl-C ends the run with a message, after its chunk")
        }
        #expect(run.errors.contains("interrupted after row"), "\(run.errors)")
        #expect(run.paidBefore > 0 && run.paidBefore < 400, "stopped part-way: \(run.paidBefore)")
        #expect(run.rows.count == 401 && Set(run.rows.dropFirst().map { $0[0] }) == Set(run.emails), "one row per input row, none twice")
        #expect(run.charged == 400, "every person paid once")
    }

    /// A crash (SIGKILL) can lose only the answer of the one call in flight: Apollo charged for it, the process died
    /// before remembering it (at most ten people, documented).
    @Test func enrich_killedMidRun_goesOnWhereItStopped_andPaysAtMostTheCallInFlightAgain() async throws {
        let run = try await interruptedRun { process in try await process.kill() }
        #expect(run.paidBefore > 0 && run.paidBefore < 400, "killed part-way: \(run.paidBefore)")
        #expect(run.rows.count == 401 && Set(run.rows.dropFirst().map { $0[0] }) == Set(run.emails), "one row per input row, none twice")
        #expect(run.charged >= 400 && run.charged <= 410, "paid once, but for the call in flight: \(run.charged)")
    }

    @Test func enrich_aboveTheApprovalThreshold_waitsForAnAdmin_thenRuns() async throws {
        try await withSetup { setup in
            let emails = await setup.server.engine.snapshot().people.compactMap(\.email).prefix(20)
            try setup.write("people.csv", (["email"] + emails).joined(separator: "\n") + "\n")
            let arguments = ["enrich", "--in", setup.file("people.csv"), "--out", setup.file("out.csv"), "--yes"]
            let held = try await setup.run(arguments, environment: ["CREDITS_APPROVAL_THRESHOLD": "10"])
            #expect(held.status != 0 && held.errors.contains("waits for approval"), "\(held.errors)")
            let id = try #require(held.errors.components(separatedBy: "waits for approval ").last?.split(separator: " ").first.map(String.init))
            let again = try await setup.run(arguments, environment: ["CREDITS_APPROVAL_THRESHOLD": "10"])
            #expect(again.status != 0 && again.errors.contains("waits for approval \(id)"), "the same request, not a second one")
            #expect(await setup.server.engine.creditsCharged == 0, "nothing spent while it waits")
            let approve = try await setup.run(["approvals", "approve", id])
            #expect(approve.status == 0 && approve.output.contains("approved"), "\(approve.output)\(approve.errors)")
            let run = try await setup.run(arguments, environment: ["CREDITS_APPROVAL_THRESHOLD": "10"])
            #expect(run.status == 0, "\(run.errors)")
            #expect(await setup.server.engine.creditsCharged == 20)
        }
    }

    @Test func search_writesLeadsPageByPage() async throws {
        try await withSetup { setup in
            let domain = try #require(await setup.server.engine.snapshot().organizations.first?.domain)
            let run = try await setup.run(["search", "--domains", domain, "--max-pages", "2", "--out", setup.file("leads.csv")])
            #expect(run.status == 0, "\(run.errors)")
            let leads = Self.records(try setup.read("leads.csv"))
            #expect(leads.first?.first == "apollo_id" && leads.count > 1 && run.output.contains("\(leads.count - 1) leads"), "\(run.output)")
            #expect(await setup.server.engine.creditsCharged == 0, "search is free")
            let bad = try await setup.run(["search", "--domains", "not a domain", "--out", setup.file("x.csv")])
            #expect(bad.status != 0 && bad.errors.contains("--domains"))
        }
    }

    @Test func doctor_reportsEachCheck_andFailsOnWhatIsWrong() async throws {
        try await withSetup { setup in
            let unmigrated = try await setup.run(["doctor"])
            #expect(unmigrated.status != 0 && unmigrated.output.contains("PROBLEM  migrations"), "\(unmigrated.output)\(unmigrated.errors)")
            let worker = try ProspectorProcess(arguments: ["worker"], environment: setup.environment, directory: setup.directory)
            #expect(try await worker.waitForLine(startingWith: "worker running") != nil, "\(worker.standardError)")
            try await waitUntil(timeout: .seconds(30)) { (try await setup.run(["doctor"])).status == 0 }
            let healthy = try await setup.run(["doctor"])
            for name in [
                "configuration", "database", "migrations", "apollo key", "clock", "master key", "rate limits", "workers", "dead jobs",
                "queue backend",
            ] {
                #expect(healthy.output.contains("ok       \(name):"), "\(name): \(healthy.output)")
            }
            let wrongKey = try await setup.run(["doctor"], environment: ["APOLLO_API_KEY": "not-a-key"])
            #expect(wrongKey.status != 0 && wrongKey.output.contains("PROBLEM  apollo key"), "\(wrongKey.output)")
            #expect(wrongKey.output.contains("fix: "))
            try await worker.stop()
        }
    }
}

/// Where a list run keeps its progress (`<out>.progress`).
enum ListCheckpointPath {
    static func of(_ output: String) -> String { output + ".progress" }
}
