import FluentKit
import Foundation
import ProspectorData

/// Which audit entries a reader wants (all filters optional).
public struct AuditFilter: Sendable, Equatable {
    public var entityType: String?
    public var entityID: String?
    public var action: String?

    public init(entityType: String? = nil, entityID: String? = nil, action: String? = nil) {
        self.entityType = entityType
        self.entityID = entityID
        self.action = action
    }
}
