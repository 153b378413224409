import Foundation
import JobQueue
import Vapor

/// `prospector jobs list|show|retry|cancel`: the operator's view of the queue.
struct JobsCommand: AsyncCommandGroup {
    var help: String { "Lists, shows, retries and cancels jobs." }
    var commands: [String: any AnyAsyncCommand] {
        ["list": ListJobsCommand(), "show": ShowJobCommand(), "retry": RetryJobCommand(), "cancel": CancelJobCommand()]
    }
}

/// The queue of the application's database, migrated first so the command works on a fresh database.
private func jobStore(_ context: CommandContext) async throws -> JobStore {
    try await context.application.autoMigrate()
    return try JobStore(database: context.application.db)
}

/// The `<id>` argument of show, retry and cancel.
struct JobIDSignature: CommandSignature {
    @Argument(name: "id", help: "the job id") var id: Int
}

struct ListJobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "state", help: "available | running | completed | dead | cancelled") var state: String?
        @Option(name: "queue", help: "only this queue") var queue: String?
        @Option(name: "limit", help: "at most this many (default 50)") var limit: Int?
    }

    var help: String { "Lists the newest jobs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let state = try signature.state.map { text in
            guard let state = JobState(rawValue: text) else { throw JobsCommandError.invalid("--state", text) }
            return state
        }
        let jobs = try await jobStore(context).list(state: state, queue: signature.queue, limit: signature.limit ?? 50)
        context.console.print("ID\tSTATE\tQUEUE\tKIND\tATTEMPT\tLAST ERROR")
        for job in jobs {
            context.console.print("\(job.id)\t\(job.state.rawValue)\t\(job.queue)\t\(job.kind)\t\(job.attempt)/\(job.maxAttempts)\t\(job.lastError ?? "")")
        }
    }
}

struct ShowJobCommand: AsyncCommand {
    var help: String { "Shows one job as JSON (state, progress, result, error)." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        let id = Int64(signature.id)
        guard let job = try await jobStore(context).job(id: id) else { throw JobQueueError.notFound(jobID: id) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        context.console.print(String(decoding: try encoder.encode(job), as: UTF8.self))
    }
}

struct RetryJobCommand: AsyncCommand {
    var help: String { "Makes a dead or cancelled job available again." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        try await jobStore(context).retry(id: Int64(signature.id))
        context.console.print("job \(signature.id) is available again")
    }
}

struct CancelJobCommand: AsyncCommand {
    var help: String { "Cancels a pending job, or asks the worker of a running one to stop it." }

    func run(using context: CommandContext, signature: JobIDSignature) async throws {
        let state = try await jobStore(context).cancel(id: Int64(signature.id))
        context.console.print(state == .cancelled ? "job \(signature.id) cancelled" : "job \(signature.id) is running; its worker was asked to stop it")
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
