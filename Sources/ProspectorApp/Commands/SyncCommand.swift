import Foundation
import ProspectorServices
import Vapor

/// `prospector sync [contacts|accounts|deals] [--full]`: runs a sync now, in this process, and prints each report
/// as a JSON line (all three objects when none is named).
struct SyncCommand: AsyncCommandGroup {
    var help: String { "Syncs contacts, accounts and deals from Apollo now." }
    var commands: [String: any AnyAsyncCommand] {
        Dictionary(uniqueKeysWithValues: SyncObject.allCases.map { ($0.rawValue, SyncObjectsCommand(objects: [$0]) as any AnyAsyncCommand) })
            .merging(["all": SyncObjectsCommand(objects: SyncObject.allCases)]) { $1 }
    }
    var defaultCommand: (any AnyAsyncCommand)? { SyncObjectsCommand(objects: SyncObject.allCases) }

    /// `sync --full` means `sync all --full` (a command group reads its first argument as a subcommand).
    static func normalize(_ arguments: [String]) -> [String] {
        guard arguments.count > 2, arguments[1] == "sync", arguments[2].hasPrefix("-") else { return arguments }
        return Array(arguments.prefix(2)) + ["all"] + arguments.dropFirst(2)
    }
}

struct SyncObjectsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "full", help: "Read everything instead of what changed since the watermark") var full: Bool
    }

    let objects: [SyncObject]

    var help: String { "Syncs \(objects.map(\.rawValue).joined(separator: ", ")) from Apollo now." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let booted = try await Boot.start(context.application, as: .apolloCommand)
        do {
            let service = try booted.services.sync
            for object in objects {
                try CommandOutput.printJSON(try await service.run(object, full: signature.full), pretty: false)
            }
        } catch {
            await booted.shutdown()
            throw error
        }
        await booted.shutdown()
    }
}
