import FluentKit
import Foundation
import ProspectorData

/// Reads the audit log, newest first.
public struct AuditLogReader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The newest entries matching `filter`, at most `limit`.
    public func entries(_ filter: AuditFilter, limit: Int) async throws -> [AuditLog] {
        let query = AuditLog.query(on: database).sort(\.$occurredAt, .descending).sort(\.$id, .descending)
        if let type = filter.entityType { query.filter(\.$entityType == type) }
        if let id = filter.entityID { query.filter(\.$entityID == id) }
        if let action = filter.action { query.filter(\.$action == action) }
        return try await query.limit(limit).all()
    }
}
