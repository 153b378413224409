import Foundation
import ProspectorData
import TestSupport
import Testing

/// The real executable, started as a child process, exactly as the README says.
@Suite(.serialized) struct ServeProcessTests {
    private func environment(for target: DatabaseTarget) -> [String: String] {
        switch target {
        case .sqlite(let path): ["DATABASE_URL": path]
        case .postgres(let url): ["DATABASE_URL": url]
        }
    }

    /// A database of the run's engine and an empty working directory of the test's own.
    private func withWorkingDirectory(_ body: (DatabaseTarget, URL) async throws -> Void) async throws {
        try await TestDatabase.withTarget { target in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body(target, directory)
        }
    }

    @Test func serve_withoutConfiguration_bootsSandboxPrintsAdminKeyOnceAndAnswersHealth() async throws {
        try await withWorkingDirectory { target, directory in
            let port = ProspectorProcess.freePort()
            let first = try ProspectorProcess(
                arguments: ["serve", "--port", String(port)], environment: environment(for: target), directory: directory)
            let keyLine = try await first.waitForLine(startingWith: "Admin API key: ")
            let started = try await first.waitForLine(startingWith: "[ NOTICE ] Server started")
            #expect(started != nil, "serve did not start: \(first.standardOutput) \(first.standardError)")
            let key = try #require(keyLine?.dropFirst("Admin API key: ".count))
            #expect(key.hasPrefix("pk_") && key.count == 43)
            #expect(first.standardOutput.contains("SANDBOX MODE"))
            let health = try await RawHTTP.send("GET", "http://127.0.0.1:\(port)/health")
            #expect(health.status == 200)
            let database = try #require(health.json["database"] as? [String: Any])
            #expect(database["engine"] as? String == TestDatabase.engine)
            #expect(database["reachable"] as? Bool == true)
            #expect((health.json["apollo"] as? [String: Any])?["mode"] as? String == "sandbox")
            let token = String(repeating: "Zq3", count: 14)
            let callback = try await RawHTTP.send("POST", "http://127.0.0.1:\(port)/webhooks/apollo/\(token)", body: #"{"people": []}"#)
            #expect(callback.status == 404)
            try await first.stop()
            #expect(first.standardOutput.components(separatedBy: String(key)).count == 2, "the key must be printed once and never logged")
            #expect(!first.standardError.contains(String(key)))
            #expect(!(first.standardOutput + first.standardError).contains(token), "a callback token is a credential: never logged")
            #expect(first.standardOutput.contains("POST /webhooks/apollo/[token]"))

            let second = try ProspectorProcess(
                arguments: ["serve", "--port", String(port)], environment: environment(for: target), directory: directory)
            _ = try await second.waitForLine(startingWith: "[ NOTICE ] Server started")
            #expect(!second.standardOutput.contains("Admin API key:"))
            try await second.stop()
        }
    }

    @Test func metrics_arePrometheusText_behindTheConfiguredToken() async throws {
        try await withWorkingDirectory { target, directory in
            let port = ProspectorProcess.freePort()
            var environment = environment(for: target)
            environment["METRICS_TOKEN"] = "scrape-me"
            let serve = try ProspectorProcess(
                arguments: ["serve", "--port", String(port), "--no-worker"], environment: environment, directory: directory)
            _ = try await serve.waitForLine(startingWith: "[ NOTICE ] Server started")
            let url = "http://127.0.0.1:\(port)/metrics"
            let refused = try await RawHTTP.send("GET", url)
            #expect(refused.status == 401)
            #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "unauthorized")
            // At boot the runtime reads Apollo's usage report (from the sandbox) through the pipeline.
            let call = #"apollo_calls_total{route="api/v1/usage_stats/api_usage_stats",status="200"} 1"#
            var scraped = try await RawHTTP.send("GET", url, headers: ["authorization": "Bearer scrape-me"])
            for _ in 0..<50 {
                scraped = try await RawHTTP.send("GET", url, headers: ["authorization": "Bearer scrape-me"])
                if scraped.body.contains(call) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(scraped.status == 200)
            #expect(scraped.header("content-type")?.hasPrefix("text/plain") == true)
            #expect(scraped.body.contains(call), "\(scraped.body.prefix(2_000))")
            // Calls by caller kind (the boot's usage report is a background call).
            let byKind = scraped.body.split(separator: "\n").filter { $0.hasPrefix("apollo_governor_calls_total{") }
            #expect(byKind.contains { $0.contains(#"priority="background""#) }, "\(scraped.body.prefix(2_000))")
            try await serve.stop()
        }
    }

    @Test func sigterm_stopsTheServerThenTheWorkerThenApollo_andExitsCleanly() async throws {
        try await withWorkingDirectory { target, directory in
            let port = ProspectorProcess.freePort()
            let serve = try ProspectorProcess(
                arguments: ["serve", "--port", String(port)], environment: environment(for: target), directory: directory)
            #expect(try await serve.waitForLine(startingWith: "[ NOTICE ] Server started") != nil, "\(serve.standardError)")
            try await waitUntil { serve.standardOutput.contains("worker started") }
            let status = try await serve.terminate()
            #expect(status == 0, "exit status \(String(describing: status)): \(serve.standardError.suffix(2_000))")
            let output = serve.standardOutput
            let order = ["HTTP server stopped", "worker stopped", "Apollo runtime stopped"].map { output.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil }, "\(output.suffix(2_000))")
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "stopped out of order: \(output.suffix(2_000))")
        }
    }

    @Test func serve_inProductionWithoutKey_failsNamingTheKey() async throws {
        let directory = FileManager.default.temporaryDirectory
        let process = try ProspectorProcess(arguments: ["serve"], environment: ["PROSPECTOR_ENV": "production"], directory: directory)
        let status = try await process.waitForExit()
        #expect(status == 78)
        #expect(process.standardError.contains("APOLLO_API_KEY"))
    }

    @Test func simulatorCommand_answersAnOrdinaryHTTPClient() async throws {
        let port = ProspectorProcess.freePort()
        let process = try ProspectorProcess(
            arguments: ["simulator", "--port", String(port), "--people", "500", "--organizations", "50", "--limits", "search=150/5000"],
            environment: [:], directory: FileManager.default.temporaryDirectory)
        let started = try await process.waitForLine(startingWith: "[ NOTICE ] Server started")
        #expect(started != nil, "simulator did not start: \(process.standardOutput) \(process.standardError)")
        let search = try await RawHTTP.send(
            "POST", "http://127.0.0.1:\(port)/api/v1/mixed_people/api_search", headers: ["x-api-key": "sim-master-key"],
            body: #"{"per_page": 5}"#)
        #expect(search.status == 200)
        #expect((search.json["people"] as? [Any])?.count == 5)
        #expect(search.header("x-rate-limit-minute") == "150", "--limits replaced the plan's search limits")
        #expect(search.header("x-rate-limit-hourly") == "5000")
        let unauthorized = try await RawHTTP.send("GET", "http://127.0.0.1:\(port)/api/v1/contact_stages", headers: ["x-api-key": "nope"])
        #expect(unauthorized.status == 401)
        try await process.stop()
        let refused = try ProspectorProcess(
            arguments: ["simulator", "--port", String(port), "--limits", "searches=1"], environment: [:],
            directory: FileManager.default.temporaryDirectory)
        #expect(try await refused.waitForExit() != 0)
        #expect(refused.standardError.contains("--limits cannot be"), "\(refused.standardError)")
    }

    @Test func serve_withADatabaseThatNeverAnswers_exitsSayingSo_afterItsWait() async throws {
        let closed = ProspectorProcess.freePort()
        let serve = try ProspectorProcess(
            arguments: ["serve", "--port", String(ProspectorProcess.freePort())],
            environment: ["DATABASE_URL": "postgres://prospector@127.0.0.1:\(closed)/prospector", "DATABASE_STARTUP_WAIT_SECONDS": "1"],
            directory: FileManager.default.temporaryDirectory)
        #expect(try await serve.waitForExit() == 1)
        #expect(
            serve.standardError.contains("the postgresql database did not answer within 1 s (DATABASE_STARTUP_WAIT_SECONDS)"),
            "\(serve.standardError)")
        #expect(serve.standardOutput.contains("the database does not answer; waiting for it"), "\(serve.standardOutput)")
    }

    /// Found by the chaos soak: a `serve` restarted while PostgreSQL was restarting exited instead of waiting for it.
    @Test func serve_startedBeforeItsDatabaseIsReady_waitsForIt_andServes() async throws {
        try await TestDatabase.withPostgresDatabaseCreatedLater { url, create in
            let port = ProspectorProcess.freePort()
            let serve = try ProspectorProcess(
                arguments: ["serve", "--port", String(port), "--no-worker"],
                environment: ["DATABASE_URL": url, "DATABASE_STARTUP_WAIT_SECONDS": "120"],
                directory: FileManager.default.temporaryDirectory)
            let waiting = try await serve.waitForLine(startingWith: "[ WARNING ] the database does not answer; waiting for it")
            #expect(waiting != nil, "\(serve.standardOutput) \(serve.standardError)")
            try await create()
            let started = try await serve.waitForLine(startingWith: "[ NOTICE ] Server started", timeout: .seconds(120))
            #expect(started != nil, "\(serve.standardOutput) \(serve.standardError)")
            #expect(try await RawHTTP.send("GET", "http://127.0.0.1:\(port)/health").status == 200)
            try await serve.stop()
        }
    }
}
