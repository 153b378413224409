import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// `prospector enrich --in people.csv --out enriched.csv [--rejects F] [--dry-run] [--yes] [--confirm-above N]`
/// (`--yes` is ConsoleKit's own answer to every confirmation).
///
/// One output row per input row, with the input's columns unchanged and the enriched ones and a status after them;
/// rows that name no one go to the rejects file with their line and reason and never stop the run. Interrupted and
/// started again with the same arguments, it goes on where it stopped (`<out>.progress`) and pays nothing twice.
struct EnrichListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "in", help: "the CSV to enrich (a header row first)") var input: String?
        @Option(name: "out", help: "where the enriched CSV goes") var output: String?
        @Option(name: "rejects", help: "where rows that cannot be enriched go (default: <out>.rejects.csv)") var rejects: String?
        @Flag(name: "dry-run", help: "count rows, bad rows, memory hits, worst-case credits and time; spend nothing") var dryRun: Bool
        @Option(name: "confirm-above", help: "ask before a run whose worst case is above this many credits (default 100)") var confirmAbove: Double?
    }

    var help: String { "Enriches a CSV list of people (docs/cli.md)." }

    /// Rows per chunk: ten Apollo calls' worth, written and checkpointed together.
    static let chunkSize = 100

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let input = signature.input, let output = signature.output else { throw ListFileError.usage("--in and --out are required") }
        let table = try CSVTable.read(path: input)
        let columns = ListColumns(header: table.header)
        guard columns.identifiesPeople else { throw ListFileError.noIdentifyingColumn(header: table.header) }
        let rows = table.rows.map(columns.identity(of:))
        let booted = try await Boot.start(context.application, as: .apolloCommand)
        do {
            let services = booted.services
            let estimate = try await services.enrichment.estimate(rows.compactMap { try? $0.get() })
            if signature.dryRun {
                Self.printDryRun(rows: rows, estimate: estimate)
            } else {
                let approved = try await approval(for: table, rows: rows.count, estimate: estimate, services: services)
                if !approved { try confirm(estimate.worstCaseCredits, threshold: signature.confirmAbove ?? 100, console: context.console) }
                try await enrich(table, rows: rows, output: output, rejects: signature.rejects ?? output + ".rejects.csv", services: services)
            }
        } catch {
            await booted.shutdown()
            throw error
        }
        await booted.shutdown()
    }

    /// Above `CREDITS_APPROVAL_THRESHOLD`, a run waits for an admin's approval as bulk enrichment over the API does:
    /// the first run records the request and stops; once approved (`prospector approvals approve ID`), the same run
    /// goes ahead. True when an approval covers this input.
    private func approval(for table: CSVTable, rows: Int, estimate: EnrichmentEstimate, services: AppServices) async throws -> Bool {
        guard let threshold = services.settings.approvalThresholdCredits, estimate.worstCaseCredits > threshold else { return false }
        let approvals = services.approvals
        let payload = #"{"input":"\#(table.digest)","rows":\#(rows)}"#
        let kind = SpendApprovalService.listEnrichmentKind
        switch try await approvals.latest(kind: kind, payload: payload) {
        case let request? where request.status == .approved: return true
        case let request? where request.status == .awaitingApproval:
            throw ListFileError.awaitingApproval(id: try request.requireID().uuidString, credits: request.worstCaseCredits)
        default:
            let request = try await approvals.hold(
                kind: kind, queue: "-", payload: payload, people: estimate.unique, worstCaseCredits: estimate.worstCaseCredits, requestedBy: "cli")
            throw ListFileError.awaitingApproval(id: try request.requireID().uuidString, credits: request.worstCaseCredits)
        }
    }

    /// Asks before a run whose worst case is above `threshold`: `--yes` answers for the operator; with no terminal to
    /// ask on, the run is refused rather than spent unasked.
    private func confirm(_ credits: Double, threshold: Double, console: any Console) throws {
        guard credits > threshold, console.confirmOverride != true else { return }
        guard console.confirmOverride == nil, isatty(STDIN_FILENO) == 1,
            console.confirm(ConsoleText(stringLiteral: "This run may spend up to \(Int(credits.rounded(.up))) credits. Go on?"))
        else { throw ListFileError.notConfirmed(credits: credits) }
    }

    static func printDryRun(rows: [Result<PersonIdentity, ListRowProblem>], estimate: EnrichmentEstimate) {
        let bad = rows.filter { (try? $0.get()) == nil }.count
        print(
            """
            rows: \(rows.count)
            bad rows: \(bad)
            people: \(estimate.unique) (duplicates answered once)
            known from the enrichment memory: \(estimate.knownFromMemory)
            suppressed: \(estimate.suppressed)
            new records: \(estimate.newRecords)
            worst-case credits: \(Int(estimate.worstCaseCredits.rounded(.up)))
            Apollo calls: \(estimate.apolloCalls)
            time at the plan's limits: \(ListProgress.duration(estimate.estimatedSeconds))
            """)
    }

    private func enrich(
        _ table: CSVTable, rows: [Result<PersonIdentity, ListRowProblem>], output: String, rejects: String, services: AppServices
    ) async throws {
        var checkpoint = ListCheckpoint(inputDigest: table.digest, rowsDone: 0, outputBytes: 0, rejectsBytes: 0, paid: 0)
        if let saved = try ListCheckpoint.load(for: output) {
            guard saved.inputDigest == table.digest else { throw ListFileError.otherRunInProgress(progressFile: ListCheckpoint.path(for: output)) }
            checkpoint = saved
            FileHandle.standardError.write(Data("resuming after row \(saved.rowsDone) of \(rows.count)\n".utf8))
        }
        let out = try AppendedFile(path: output, keeping: checkpoint.outputBytes)
        let rejected = try AppendedFile(path: rejects, keeping: checkpoint.rejectsBytes)
        if checkpoint.rowsDone == 0 {
            try out.append(try CSVTable.encode([table.header + ListEnrichment.addedColumns]))
            try rejected.append(try CSVTable.encode([["line", "reason"] + table.header]))
        }
        let lists = try services.lists
        var progress = ListProgress(total: rows.count)
        let interrupt = InterruptFlag()
        for start in stride(from: checkpoint.rowsDone, to: rows.count, by: Self.chunkSize) {
            let range = start..<min(start + Self.chunkSize, rows.count)
            let outcomes = try await lists.enrich(Array(rows[range]), actor: .commandLine)
            var written: [[String]] = []
            var refused: [[String]] = []
            for (index, outcome) in zip(range, outcomes) {
                let original = table.rows[index]
                let padded = original + Array(repeating: "", count: max(0, table.header.count - original.count))
                written.append(padded + [outcome.status] + (outcome.values.isEmpty ? Array(repeating: "", count: 9) : outcome.values))
                // Line numbers count the header as line 1.
                if let problem = outcome.rejected { refused.append([String(index + 2), problem.description] + original) }
                checkpoint.counts[outcome.status.hasPrefix("skipped") ? "skipped" : outcome.status, default: 0] += 1
                if outcome.paid { checkpoint.paid += 1 }
            }
            try out.append(try CSVTable.encode(written))
            try rejected.append(try CSVTable.encode(refused))
            checkpoint.outputBytes = try out.sync()
            checkpoint.rejectsBytes = try rejected.sync()
            checkpoint.rowsDone = range.upperBound
            try checkpoint.save(for: output)
            let remaining = rows[range.upperBound...].filter { (try? $0.get()) != nil }.count
            let seconds = try await services.enrichment.seconds(forBulkCalls: (remaining + 9) / 10)
            progress.show(done: range.upperBound, credits: checkpoint.paid, remainingSeconds: seconds)
            if interrupt.isRaised, range.upperBound < rows.count {
                try out.close()
                try rejected.close()
                throw ListFileError.interrupted(rowsDone: range.upperBound, total: rows.count)
            }
        }
        try out.close()
        try rejected.close()
        ListCheckpoint.remove(for: output)
        let summary = ["matched", "no match", "skipped"].map { "\($0): \(checkpoint.counts[$0] ?? 0)" }.joined(separator: ", ")
        print("enriched \(rows.count) rows into \(output) (\(summary)); credits for new matches: \(checkpoint.paid)")
    }
}
