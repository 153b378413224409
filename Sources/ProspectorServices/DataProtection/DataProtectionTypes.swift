import ProspectorData

/// What a suppression hashes: an email, a domain or an Apollo id (for callers above the services).
public typealias SuppressionKind = Suppression.Kind
/// Where a spend approval stands (for callers above the services).
public typealias SpendApprovalStatus = SpendApproval.Status
