import ProspectorServices
import ServiceLifecycle

/// Runs a worker until graceful shutdown, then lets its running jobs finish.
struct WorkerService: Service {
    let host: WorkerHost

    func run() async throws {
        await withGracefulShutdownHandler {
            await host.waitUntilStopped()
        } onGracefulShutdown: { [host] in
            Task { await host.worker.shutdown() }
        }
    }
}
