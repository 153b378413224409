import Foundation
import ProspectorServices
import Vapor

/// `prospector keys create --name NAME --scopes read,write,enrich` (prints the new key alone on stdout),
/// `prospector keys list`, `prospector keys revoke ID`.
struct KeysCommand: AsyncCommandGroup {
    var help: String { "Creates, lists and revokes API keys." }
    var commands: [String: any AnyAsyncCommand] {
        ["create": CreateKeyCommand(), "list": ListKeysCommand(), "revoke": RevokeKeyCommand()]
    }
}

/// The key service of the application's database, migrated first so the command works on a fresh database.
private func keys(_ context: CommandContext) async throws -> KeyService {
    try await Boot.start(context.application, as: .localCommand).services.keys
}

struct CreateKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "a name for the key") var name: String?
        @Option(name: "scopes", help: "comma-separated: read, write, enrich, admin") var scopes: String?
    }

    var help: String { "Creates a key and prints it (alone on stdout); only its hash is kept." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw KeysCommandError.usage("--name is required")
        }
        let names = (signature.scopes ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let scopes = names.compactMap(APIScope.init(rawValue:))
        guard !names.isEmpty, scopes.count == names.count else {
            throw KeysCommandError.usage("--scopes must list some of \(APIScope.allCases.map(\.rawValue).joined(separator: ","))")
        }
        let (_, plaintext) = try await keys(context).create(name: name, scopes: Set(scopes), actor: .commandLine)
        FileHandle.standardOutput.write(Data((plaintext + "\n").utf8))
    }
}

struct ListKeysCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Lists keys: id, prefix, name, scopes, state (never the secret)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        for key in try await keys(context).list() {
            let state = key.revokedAt == nil ? "active" : "revoked"
            context.console.print(
                [try key.requireID().uuidString, key.prefix, key.name, key.scopes.joined(separator: ","), state].joined(separator: "\t"))
        }
    }
}

struct RevokeKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "the key id") var id: String
    }

    var help: String { "Revokes a key: it is refused from then on." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.id) else { throw KeysCommandError.usage("revoke takes a key id (UUID)") }
        do {
            _ = try await keys(context).revoke(id, actor: .commandLine)
        } catch ServiceError.notFound {
            throw KeysCommandError.usage("no API key \(id)")
        }
        context.console.print("key \(id) revoked")
    }
}

/// A `keys` invocation that cannot be carried out.
enum KeysCommandError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
