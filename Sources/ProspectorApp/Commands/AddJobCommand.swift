import Foundation
import ProspectorServices
import Vapor

/// `prospector jobs add NAME --queue Q --data JSON [options]`: BullMQ's `queue.add(name, data, opts)` from a shell.
struct AddJobCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "enrich-person | enrich-org | bulk-search") var name: String
        @Option(name: "queue", help: "the kind's queue (apollo-enrichment for the reference's names)") var queue: String?
        @Option(name: "data", help: "the job's data as JSON, e.g. '{\"email\": \"ada@example.com\"}'") var data: String?
        @Option(name: "attempts", help: "attempts before the job is dead (default: the queue's)") var attempts: Int?
        @Option(name: "backoff", help: "fixed:MS or exponential:MS (default: the queue's)") var backoff: String?
        @Option(name: "delay", help: "milliseconds before it may run") var delay: Int?
        @Option(name: "priority", help: "0 (none, first) to 2097152; lower runs first") var priority: Int?
        @Option(name: "job-id", help: "your id for the job: a second add with it is the same job") var jobID: String?
        @Option(name: "remove-on-complete", help: "true, or the number of completed jobs to keep") var removeOnComplete: String?
        @Option(name: "remove-on-fail", help: "true, or the number of failed jobs to keep") var removeOnFail: String?
    }

    var help: String { "Adds a job by name with BullMQ's options; prints the job's id." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data = Data((signature.data ?? "{}").utf8)
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw JobsCommandError.invalid("--data", signature.data ?? "")
        }
        let addition = JobAddition(
            name: signature.name, queue: signature.queue, data: data, attempts: signature.attempts,
            backoff: try signature.backoff.map { try JobAddition.backoff(parsing: $0, field: "--backoff") }, delayMilliseconds: signature.delay,
            priority: signature.priority, jobId: signature.jobID,
            removeOnComplete: try signature.removeOnComplete.flatMap { try JobAddition.removal(parsing: $0, field: "--remove-on-complete") },
            removeOnFail: try signature.removeOnFail.flatMap { try JobAddition.removal(parsing: $0, field: "--remove-on-fail") })
        let booted = try await Boot.start(context.application, as: .localCommand)
        let added = try await booted.services.jobs.add(addition)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        context.console.print(String(decoding: try encoder.encode(added), as: UTF8.self))
    }
}
