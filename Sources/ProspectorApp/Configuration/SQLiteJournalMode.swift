import SQLKit
import Vapor

/// On SQLite, switches the file to write-ahead logging at boot: readers no longer wait for writers (the HTTP API
/// keeps answering while a worker writes a sync page) and writers queue through the busy handler.
struct SQLiteJournalMode: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        guard case .sqlite = application.prospectorConfiguration.database, let sql = application.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
