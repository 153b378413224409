import ApolloIOClient
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// `prospector contacts erase`, `prospector retention` and `prospector approvals` as an operator runs them.
@Suite(.serialized) struct DataProtectionProcessTests {
    private func prospector(_ arguments: [String], _ target: DatabaseTarget) async throws -> (status: Int32?, output: String, errors: String) {
        let url =
            switch target {
            case .sqlite(let path): path
            case .postgres(let url): url
            }
        let process = try ProspectorProcess(
            arguments: arguments, environment: ["DATABASE_URL": url], directory: FileManager.default.temporaryDirectory)
        let status = try await process.waitForExit()
        return (status, process.standardOutput, process.standardError)
    }

    @Test func contactsErase_removesThePersonEverywhere_andRefusesAnAmbiguousCall() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let contact = Contact(apolloID: "5f0000000000000000000001", email: "grace.hopper@navy.example")
                contact.firstName = "Grace"
                contact.lastName = "Hopper"
                contact.name = "Grace Hopper"
                contact.phoneNumbers = ["+15550001234"]
                contact.rawJSON = #"{"id":"5f0000000000000000000001","email":"grace.hopper@navy.example","first_name":"Grace"}"#
                try await contact.create(on: database)
                try await EnrichmentAttempt(
                    subject: "person", identityKey: "email:grace.hopper@navy.example", outcome: .matched, apolloID: "5f0000000000000000000001",
                    creditsCharged: 1
                ).create(on: database)
                _ = try await JobStore.enqueue(
                    NewJob(kind: "enrich.people", payload: #"{"people":[{"email":"Grace.Hopper@navy.example"},{"email":"ada@example.com"}]}"#),
                    on: database)

                let refused = try await prospector(["contacts", "erase"], target)
                #expect(refused.status != 0 && refused.errors.contains("exactly one of --email"), "\(refused.errors)")
                let erased = try await prospector(["contacts", "erase", "--email", "GRACE.HOPPER@navy.example"], target)
                #expect(erased.status == 0, "\(erased.errors)")
                let report = try #require(try JSONSerialization.jsonObject(with: Data(erased.output.utf8)) as? [String: Any], "\(erased.output)")
                #expect(report["contactId"] as? String == contact.id?.uuidString)
                let traces = ["grace.hopper@navy.example", "Grace Hopper", "+15550001234", "5f0000000000000000000001"]
                #expect(try await TextScan.hits(traces, on: database) == [:])
                #expect(try await TextScan.hits(["ada@example.com"], on: database).count == 1, "the other person in the job stays")
                #expect(try await Suppression.query(on: database).count() == 2, "the email and the Apollo id")
                let again = try await prospector(["contacts", "erase", "--id", try contact.requireID().uuidString], target)
                #expect(again.status != 0 && again.errors.contains("does not exist"), "a tombstone is not erased twice")
            }
        }
    }

    @Test func retentionDryRun_andApprovals_fromTheCommandLine() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let preview = try await prospector(["retention", "--dry-run"], target)
                #expect(preview.status == 0, "\(preview.errors)")
                #expect(preview.output.contains("idempotency_records\tolder than 2 days\t0 would go"), "\(preview.output)")
                #expect(preview.output.split(separator: "\n").count == RetentionCategory.allCases.count)

                let held = SpendApproval(
                    jobKind: "enrich.people", queue: "enrich", payload: #"{"people":[{"email":"ada@example.com"}]}"#, people: 1,
                    worstCaseCredits: 1, requestedBy: nil, expiresAt: Date().addingTimeInterval(3_600))
                try await held.create(on: database)
                let id = try held.requireID().uuidString
                let list = try await prospector(["approvals", "list", "--status", "awaiting_approval"], target)
                #expect(list.status == 0 && list.output.hasPrefix("\(id)\tawaiting_approval\t1 people"), "\(list.output)\(list.errors)")
                let approved = try await prospector(["approvals", "approve", id], target)
                #expect(approved.status == 0 && approved.output.contains("approved, job"), "\(approved.output)\(approved.errors)")
                #expect(try await JobStore(database: database).list(state: nil, queue: "enrich", limit: 10).count == 1)
                let twice = try await prospector(["approvals", "reject", id], target)
                #expect(twice.status != 0 && twice.errors.contains("not awaiting approval"), "\(twice.errors)")
            }
        }
    }
}
