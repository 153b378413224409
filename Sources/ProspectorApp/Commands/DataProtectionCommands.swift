import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// `prospector contacts erase --email X | --id ID [--apollo]`.
struct ContactsCommand: AsyncCommandGroup {
    var help: String { "Erases a person's data (see docs/data-protection.md)." }
    var commands: [String: any AnyAsyncCommand] { ["erase": EraseContactCommand()] }
}

struct EraseContactCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "the person's email address") var email: String?
        @Option(name: "id", help: "our contact id (UUID)") var id: String?
        @Flag(name: "apollo", help: "also clear the contact's personal fields in Apollo's CRM") var apollo: Bool
    }

    var help: String { "Erases a person everywhere Prospector keeps data and suppresses them; prints what changed (JSON)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let role: BootRole = signature.apollo ? .apolloCommand : .localCommand
        let erasure = try await Boot.start(context.application, as: role).services.erasure
        let report: ErasureService.Report
        switch (signature.email, signature.id.map(UUID.init(uuidString:))) {
        case (let email?, nil):
            guard EmailAddressNormalizer.isPlausible(email) else { throw DataCommandError.usage("--email must be an email address") }
            report = try await erasure.erase(email: email, inApollo: signature.apollo, actor: .commandLine)
        case (nil, let id??):
            report = try await erasure.erase(contactID: id, inApollo: signature.apollo, actor: .commandLine)
        default:
            throw DataCommandError.usage("give exactly one of --email ADDRESS or --id CONTACT_UUID")
        }
        try CommandOutput.printJSON(report, pretty: true)
    }
}

/// `prospector retention [--dry-run]`.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "only show what would go") var dryRun: Bool
    }

    var help: String { "Applies the retention policy now (the daily job does it too); --dry-run shows what would go." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let retention = try await Boot.start(context.application, as: .localCommand).services.retention
        let sweeps = try await retention.run(apply: !signature.dryRun)
        for sweep in sweeps {
            let period = sweep.periodDays.map { "older than \(Self.days($0)) days" } ?? "kept for ever"
            context.console.print("\(sweep.category.rawValue)\t\(period)\t\(sweep.rows) \(signature.dryRun ? "would go" : "removed")")
        }
    }

    private static func days(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}

/// `prospector approvals list [--status S] | approve ID | reject ID`.
struct ApprovalsCommand: AsyncCommandGroup {
    var help: String { "Lists, approves and rejects credit-spending requests held for approval." }
    var commands: [String: any AnyAsyncCommand] {
        ["list": ListApprovalsCommand(), "approve": DecideApprovalCommand(approve: true), "reject": DecideApprovalCommand(approve: false)]
    }
}

struct ListApprovalsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "status", help: "awaiting_approval, approved, rejected or expired") var status: String?
    }

    var help: String { "Lists requests, newest first: id, status, people, worst-case credits, expiry." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let status = try signature.status.map { name in
            guard let status = SpendApprovalStatus(rawValue: name) else { throw DataCommandError.usage("unknown --status \(name)") }
            return status
        }
        let approvals = try await Boot.start(context.application, as: .localCommand).services.approvals
        for request in try await approvals.list(status: status, limit: 1_000) {
            context.console.print(
                [
                    try request.requireID().uuidString, request.status.rawValue, "\(request.people) people",
                    "\(request.worstCaseCredits) credits", "expires \(request.expiresAt)",
                ].joined(separator: "\t"))
        }
    }
}

struct DecideApprovalCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "the approval id") var id: String
    }

    let approve: Bool
    var help: String { approve ? "Approves a request: its job is enqueued." : "Rejects a request: nothing is spent." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.id) else { throw DataCommandError.usage("takes an approval id (UUID)") }
        let approvals = try await Boot.start(context.application, as: .localCommand).services.approvals
        let request = approve ? try await approvals.approve(id, actor: .commandLine) : try await approvals.reject(id, actor: .commandLine)
        context.console.print("approval \(id) \(request.status.rawValue)" + (request.jobID.map { ", job \($0) enqueued" } ?? ""))
    }
}

/// A data-protection command that cannot be carried out.
enum DataCommandError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
