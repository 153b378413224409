import ProspectorServices
import ServiceLifecycle

/// Keeps the Apollo runtime until graceful shutdown, then stops it (the sandbox simulator).
struct ApolloRuntimeService: Service {
    let runtime: ApolloRuntime

    func run() async throws {
        try? await gracefulShutdown()
        await runtime.shutdown()
    }
}
