import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// What a worker process needs around its worker: wake-ups from PostgreSQL and graceful stops on signals.
extension JobWorker {
    /// Starts LISTEN wake-ups for this worker when `databaseURL` is a PostgreSQL URL; nil otherwise.
    public nonisolated func listenForWakeups(databaseURL: String?, logger: Logger) -> Task<Void, Never>? {
        guard let databaseURL, databaseURL.hasPrefix("postgres"), let wakeups = PostgresWakeups(url: databaseURL, logger: logger) else {
            return nil
        }
        return Task { await wakeups.run { queue in self.wake(queue: queue.isEmpty ? nil : queue) } }
    }

    /// Shuts the worker down gracefully on SIGTERM and SIGINT. Keep the returned sources alive while it runs.
    public nonisolated func shutdownOnSignals() -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { Task { await self.shutdown() } }
            source.resume()
            return source
        }
    }
}
