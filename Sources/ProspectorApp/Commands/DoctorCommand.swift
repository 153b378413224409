import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// `prospector doctor [--json]`: checks the configuration, the database and its migrations, the Apollo key (a real
/// call), master key or not, the rate limits learnt, the clock against Apollo's, live workers, dead jobs and the
/// queue backend; prints each with a fix for what is wrong, and exits non-zero when something is.
struct DoctorCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "print the checks as JSON") var json: Bool
    }

    var help: String { "Checks this deployment and says how to fix what is wrong." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let configuration = app.prospectorConfiguration
        var checks = [
            DiagnosticCheck(
                "configuration", .ok,
                "\(configuration.environment.rawValue), Apollo \(configuration.isSandbox ? "sandbox (built-in simulator)" : "live"), "
                    + "database \(configuration.database.engineName)"),
            DiagnosticCheck("queue backend", .ok, "SQL, on the \(configuration.database.engineName) database"),
        ]
        let diagnostics = Diagnostics(database: app.db)
        checks += await diagnostics.database()
        if let key = configuration.apolloAPIKey {
            // Two calls straight to Apollo, outside the shared pipeline: a diagnosis writes nothing to the database.
            let client = ApolloClient(
                configuration: ApolloClientConfiguration(
                    baseURL: configuration.apolloBaseURL, apiKey: key, requestTimeoutSeconds: configuration.apolloTimeoutSeconds),
                logger: app.logger)
            checks += await diagnostics.apollo(client)
        } else {
            checks.append(
                DiagnosticCheck(
                    "apollo key", .warning, "sandbox mode: no key, every Apollo call goes to the built-in simulator",
                    fix: "set APOLLO_API_KEY to talk to Apollo"))
        }
        if checks.allSatisfy({ $0.name != "migrations" || $0.status == .ok }) { checks += await diagnostics.jobs() }
        if signature.json {
            try CommandOutput.printJSON(checks, pretty: true)
        } else {
            for check in checks {
                let mark = ["ok": "ok     ", "warning": "warning", "problem": "PROBLEM"][check.status.rawValue]!
                print("\(mark)  \(check.name): \(check.detail)" + (check.fix.map { "\n         fix: \($0)" } ?? ""))
            }
        }
        let problems = checks.filter { $0.status == .problem }.count
        if problems > 0 { throw DoctorError.problems(problems) }
    }
}

/// What `doctor` found wrong (the exit status says so too).
enum DoctorError: Error, CustomStringConvertible {
    case problems(Int)

    var description: String {
        switch self {
        case .problems(let count): "\(count) problem\(count == 1 ? "" : "s") found"
        }
    }
}
