import Logging
import ProspectorServices
import ServiceLifecycle

/// Keeps the Apollo runtime until graceful shutdown, then stops it (the sandbox simulator).
struct ApolloRuntimeService: Service {
    let runtime: ApolloRuntime
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await runtime.shutdown()
        logger.info("Apollo runtime stopped", metadata: ["mode": "\(runtime.mode.rawValue)"])
    }
}
