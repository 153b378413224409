import FluentKit
import ProspectorData

/// Whether our own database answers.
public struct DatabaseHealth: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Runs a trivial statement; the error when it fails.
    public func check() async -> (any Error)? {
        do {
            try await DatabasePing.run(on: database)
            return nil
        } catch {
            return error
        }
    }
}
