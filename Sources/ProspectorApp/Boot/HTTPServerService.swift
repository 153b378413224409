import ServiceLifecycle
import Vapor

/// The HTTP server as a lifecycle service: serves until graceful shutdown, then finishes its open requests.
struct HTTPServerService: Service {
    let app: Application

    func run() async throws {
        try await app.server.start(address: nil)
        try? await gracefulShutdown()
        await app.server.shutdown()
        app.logger.info("HTTP server stopped")
    }
}
