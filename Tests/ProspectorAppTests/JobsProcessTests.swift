import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import TestSupport
import Testing

/// `prospector worker` and `prospector jobs …` as an operator runs them.
@Suite(.serialized) struct JobsProcessTests {
    private func environment(_ target: DatabaseTarget) -> [String: String] {
        switch target {
        case .sqlite(let path): ["DATABASE_URL": path]
        case .postgres(let url): ["DATABASE_URL": url]
        }
    }

    private func prospector(_ arguments: [String], _ target: DatabaseTarget) async throws -> (status: Int32?, output: String, errors: String) {
        let process = try ProspectorProcess(arguments: arguments, environment: environment(target), directory: FileManager.default.temporaryDirectory)
        let status = try await process.waitForExit()
        return (status, process.standardOutput, process.standardError)
    }

    @Test func jobsCommands_listShowRetryCancel() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let store = try JobStore(database: database)
                let id = try await store.enqueue(NewJob(kind: "report", maxAttempts: 1)).id
                let claimed = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
                _ = try await store.finish(claimed, outcome: .fail(error: "upstream exploded"), backoff: { _ in 0 })

                let list = try await prospector(["jobs", "list", "--state", "dead"], target)
                #expect(list.status == 0, "\(list.errors)")
                #expect(list.output.contains("\(id)\tdead\tdefault\treport\t1/1\tupstream exploded"))
                let show = try await prospector(["jobs", "show", String(id)], target)
                #expect(show.output.contains(#""lastError" : "upstream exploded""#))
                let retry = try await prospector(["jobs", "retry", String(id)], target)
                #expect(retry.status == 0)
                #expect(try await store.job(id: id)?.state == .available)
                let cancel = try await prospector(["jobs", "cancel", String(id)], target)
                #expect(cancel.output.contains("job \(id) cancelled"))
                #expect(try await store.job(id: id)?.state == .cancelled)
                let missing = try await prospector(["jobs", "show", "987654"], target)
                #expect(missing.status == 1)
                #expect(missing.errors.contains("job 987654 does not exist"))
                let badState = try await prospector(["jobs", "list", "--state", "sleeping"], target)
                #expect(badState.status == 1)
                #expect(badState.errors.contains("--state cannot be \"sleeping\""))
            }
        }
    }

    @Test func jobsAdd_addsByNameWithBullMQsOptions_andRefusesWhatItCannotRun() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let added = try await prospector(
                    [
                        "jobs", "add", "enrich-person", "--queue", "apollo-enrichment", "--data", #"{"email": "ada@example.com"}"#, "--attempts", "2",
                        "--backoff", "exponential:5000", "--priority", "3", "--job-id", "cli-1", "--remove-on-complete", "100",
                    ], target)
                #expect(added.status == 0, "\(added.errors)")
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any], "\(added.output)")
                let id = try #require((answer["id"] as? NSNumber)?.int64Value)
                let job = try #require(try await JobStore(database: database).job(id: id))
                #expect(job.kind == "enrich-person" && job.queue == "apollo-enrichment" && job.maxAttempts == 2 && job.priority == 3)
                #expect(job.options.backoff == JobBackoff(.exponential, delayMilliseconds: 5_000) && job.options.jobKey == "cli-1")
                #expect(job.options.removeOnComplete == JobRemoval(count: 100))
                #expect(job.payload.contains("ada@example.com"))
                let again = try await prospector(
                    ["jobs", "add", "enrich-person", "--data", #"{"email": "ada@example.com"}"#, "--job-id", "cli-1"], target)
                #expect(again.output.contains(#""existing":true"#), "\(again.output)")
                for (arguments, mentions) in [
                    (["jobs", "add", "enrich-everyone"], "name"), (["jobs", "add", "enrich-person", "--data", "{}"], "data.email"),
                    (["jobs", "add", "enrich-org", "--data", "not json"], "--data"),
                    (["jobs", "add", "enrich-org", "--data", #"{"domain": "x.com"}"#, "--backoff", "linear:5"], "--backoff"),
                ] {
                    let refused = try await prospector(arguments, target)
                    #expect(refused.status == 1 && refused.errors.contains(mentions), "\(arguments): \(refused.errors)")
                }
                #expect(try await JobStore(database: database).list().count == 1, "nothing else was enqueued")
            }
        }
    }

    @Test func workerCommand_runsJobsAndStopsOnSigterm() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let store = try JobStore(database: database)
                let id = try await store.enqueue(NewJob(kind: "not.yet.known", maxAttempts: 1)).id
                let worker = try ProspectorProcess(
                    arguments: ["worker", "--queues", "default=1"], environment: environment(target),
                    directory: FileManager.default.temporaryDirectory)
                let ready = try await worker.waitForLine(startingWith: "worker running")
                #expect(ready != nil, "\(worker.standardError)")
                let deadline = ContinuousClock.now + .seconds(20)
                while try await store.job(id: id)?.state != .dead, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(try await store.job(id: id)?.lastError == "no handler is registered for job kind not.yet.known")
                if case .sqlite = target {
                    let second = try await prospector(["worker"], target)
                    #expect(second.status == 1)
                    #expect(second.errors.contains("another process already runs a worker on this SQLite database"))
                }
                try await worker.stop()
                #expect(worker.standardOutput.contains("worker stopped"))
            }
        }
    }

    @Test func creditsCommand_reportsTheLedger_andReconcilesWithApollo() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let ledger = SQLCreditLedger(database: database)
                let now = Date().timeIntervalSince1970
                let id = try await ledger.reserve(
                    CreditEntry(route: "api/v1/people/match", records: 1, credits: 9, apiKeyID: nil, jobID: nil, at: now),
                    budget: CreditBudget(), dayStart: 0, monthStart: 0)
                try await ledger.settle(id, credits: 3)
            }
            var environment = environment(target)
            environment["CREDITS_DAILY_CAP"] = "50"
            let process = try ProspectorProcess(
                arguments: ["credits", "--reconcile"], environment: environment, directory: FileManager.default.temporaryDirectory)
            #expect(try await process.waitForExit() == 0, "\(process.standardError)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(process.standardOutput.utf8)) as? [String: Any], "\(process.standardOutput)")
            #expect(report["today"] as? Double == 3)
            #expect(report["dailyCap"] as? Double == 50)
            // The sandbox simulator of this process has charged nothing: the ledger's 3 credits show as drift.
            let reconciliation = try #require(report["reconciliation"] as? [String: Any])
            #expect(reconciliation["ledgerCharged"] as? Double == 3)
            #expect(reconciliation["apolloConsumed"] as? Double == 0)
            #expect(reconciliation["drift"] as? Double == -3)
        }
    }

    @Test func keysCommand_createPrintsTheKeyAlone_listAndRevoke() async throws {
        try await TestDatabase.withTarget { target in
            let created = try await prospector(["keys", "create", "--name", "ci bot", "--scopes", "read,write,enrich"], target)
            #expect(created.status == 0, "\(created.errors)")
            let key = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(key.hasPrefix("pk_") && key.count == 43 && !key.contains("\n"), "stdout must be the key alone: \(created.output)")
            let listed = try await prospector(["keys", "list"], target)
            let line = try #require(listed.output.split(separator: "\n").first { $0.contains("ci bot") })
            #expect(line.hasSuffix("enrich,read,write\tactive"))
            #expect(line.contains(String(key.prefix(12))) && !listed.output.contains(key))
            let id = String(line.split(separator: "\t")[0])
            try await TestDatabase.withExisting(target) { database in
                let found = try await APIKeyStore(database: database).verify(key)
                #expect(found != nil)
            }
            #expect(try await prospector(["keys", "revoke", id], target).status == 0)
            try await TestDatabase.withExisting(target) { database in
                let found = try await APIKeyStore(database: database).verify(key)
                #expect(found == nil)
            }
            let bad = try await prospector(["keys", "create", "--name", "x", "--scopes", "root"], target)
            #expect(bad.status == 1 && bad.errors.contains("--scopes must list some of"))
        }
    }

    @Test func syncCommand_runsEachObjectAndPrintsItsReport() async throws {
        try await TestDatabase.withTarget { target in
            let sync = try await prospector(["sync", "contacts"], target)
            #expect(sync.status == 0, "\(sync.errors)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(sync.output.utf8)) as? [String: Any], "\(sync.output)")
            #expect(report["object"] as? String == "contacts" && report["complete"] as? Bool == true)
            #expect(((report["counts"] as? [String: Any])?["created"] as? Int ?? 0) > 0)
            let all = try await prospector(["sync", "--full"], target)
            #expect(all.status == 0 && all.output.split(separator: "\n").count == 3, "\(all.output) \(all.errors)")
            let wrong = try await prospector(["sync", "leads"], target)
            #expect(wrong.status != 0)
        }
    }
}
