import Foundation
import ProspectorServices
import Vapor

/// `prospector jobs list|show|retry|cancel|add`: the operator's view of the queue.
struct JobsCommand: AsyncCommandGroup {
    var help: String { "Lists, shows, retries, cancels and adds jobs." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "list": ListJobsCommand(), "show": ShowJobCommand(), "retry": RetryJobCommand(), "cancel": CancelJobCommand(), "add": AddJobCommand(),
        ]
    }
}

/// Runs `body` with the job service of a booted database (migrated first, so the command works on a fresh one).
private func withJobs<T>(_ context: CommandContext, _ body: (JobService) async throws -> T) async throws -> T {
    let booted = try await Boot.start(context.application, as: .localCommand)
    return try await body(booted.services.jobs)
}

/// The `<id>` argument of show, retry and cancel, and `--queue` for a BullMQ job on Redis.
struct JobIDSignature: CommandSignature {
    @Argument(name: "id", help: "the job id (a number; on Redis, the queue's id for it)") var id: String
    @Option(name: "queue", help: "the BullMQ queue on Redis that holds the job (JOBS_BACKEND=redis)") var queue: String?

    var reference: JobReference { JobReference(id: id, queue: queue) }
}

struct ListJobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "state", help: "available | running | completed | dead | cancelled") var state: String?
        @Option(name: "queue", help: "only this queue") var queue: String?
        @Option(name: "limit", help: "at most this many (default 50)") var limit: Int?
    }

    var help: String { "Lists the newest jobs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let state = signature.state, !JobService.stateNames.contains(state) { throw JobsCommandError.invalid("--state", state) }
        let jobs = try await withJobs(context) { try await $0.list(state: signature.state, queue: signature.queue, limit: signature.limit ?? 50) }
        context.console.print("ID\tSTATE\tQUEUE\tKIND\tATTEMPT\tLAST ERROR")
        for job in jobs {
            // A BullMQ job on Redis is shown as redis:ID: show, retry and cancel it with --queue.
            let id = job.bullmqID.map { "redis:\($0)" } ?? String(job.id)
            context.console.print(
                "\(id)\t\(job.state.rawValue)\t\(job.queue)\t\(job.kind)\t\(job.attempt)/\(job.maxAttempts)\t\(job.lastError ?? "")")
        }
    }
}

struct ShowJobCommand: AsyncCommand {
    var help: String { "Shows one job as JSON (state, progress, result, error)." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        let job = try await withJobs(context) { try await $0.find(signature.reference) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        context.console.print(String(decoding: try encoder.encode(job), as: UTF8.self))
    }
}

struct RetryJobCommand: AsyncCommand {
    var help: String { "Makes a dead or cancelled job available again." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        _ = try await withJobs(context) { try await $0.retry(signature.reference) }
        context.console.print("job \(signature.id) is available again")
    }
}

struct CancelJobCommand: AsyncCommand {
    var help: String { "Cancels a pending job, or asks the worker of a running one to stop it." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        let job = try await withJobs(context) { try await $0.cancel(signature.reference) }
        context.console.print(
            job.state.rawValue == "cancelled" ? "job \(signature.id) cancelled" : "job \(signature.id) is running; its worker was asked to stop it")
    }
}

/// A `jobs` argument the command cannot use.
enum JobsCommandError: Error, CustomStringConvertible {
    case invalid(String, String)

    var description: String {
        switch self {
        case .invalid(let name, let value): "\(name) cannot be \"\(value)\""
        }
    }
}
