import ProspectorData

/// What a key of Prospector's own API may do.
public enum APIScope: String, CaseIterable, Codable, Sendable, Comparable {
    /// Read anything but keys and webhooks.
    case read
    /// Change deals, sequences, tasks, jobs and sync.
    case write
    /// Spend credits: enrichment and reveals.
    case enrich
    /// Keys, webhook subscriptions, and everything else.
    case admin

    public static func < (left: APIScope, right: APIScope) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}

extension APIKey {
    /// Whether the key holds `scope`.
    public func holds(_ scope: APIScope) -> Bool { scopes.contains(scope.rawValue) }
}
