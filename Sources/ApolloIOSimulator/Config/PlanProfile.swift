/// The limits of one endpoint group in the three windows; nil means no limit in that window.
public struct WindowLimits: Sendable, Hashable, Codable {
    public var minute: Int?
    public var hour: Int?
    public var day: Int?

    public init(minute: Int?, hour: Int?, day: Int?) {
        self.minute = minute
        self.hour = hour
        self.day = day
    }
}

/// The simulator's view of which limits apply to a route (CONTRACT §5.2).
public enum RouteGroup: String, Sendable, Hashable, Codable, CaseIterable {
    case standard, enrichment
    case bulkEnrichment = "bulk_enrichment"
    case search
}

/// A plan's rate limits per route group, and whether it is a paid plan.
public struct PlanProfile: Sendable, Hashable, Codable {
    public var name: String
    public var paid: Bool
    public var standard: WindowLimits
    public var enrichment: WindowLimits
    public var bulkEnrichment: WindowLimits
    public var search: WindowLimits

    public init(name: String, paid: Bool, standard: WindowLimits, enrichment: WindowLimits, bulkEnrichment: WindowLimits, search: WindowLimits) {
        self.name = name
        self.paid = paid
        self.standard = standard
        self.enrichment = enrichment
        self.bulkEnrichment = bulkEnrichment
        self.search = search
    }

    /// Replaces one group's limits (a plan whose enrichment allows 60 a minute, for a benchmark).
    public mutating func setLimits(_ limits: WindowLimits, for group: RouteGroup) {
        switch group {
        case .standard: standard = limits
        case .enrichment: enrichment = limits
        case .bulkEnrichment: bulkEnrichment = limits
        case .search: search = limits
        }
    }

    public func limits(for group: RouteGroup) -> WindowLimits {
        switch group {
        case .standard: standard
        case .enrichment: enrichment
        case .bulkEnrichment: bulkEnrichment
        case .search: search
        }
    }

    /// Free: 50/min, 200/h, 600/day everywhere; bulk enrichment 20/min, 100/h.
    public static let free = PlanProfile(
        name: "free", paid: false,
        standard: WindowLimits(minute: 50, hour: 200, day: 600), enrichment: WindowLimits(minute: 50, hour: 200, day: 600),
        bulkEnrichment: WindowLimits(minute: 20, hour: 100, day: 600), search: WindowLimits(minute: 50, hour: 200, day: 600))

    /// Basic: 200/400/2,000 by default; enrichment 1,000/min, bulk a tenth of it; search 200/6,000/50,000.
    public static let basic = PlanProfile(
        name: "basic", paid: true,
        standard: WindowLimits(minute: 200, hour: 400, day: 2_000), enrichment: WindowLimits(minute: 1_000, hour: nil, day: nil),
        bulkEnrichment: WindowLimits(minute: 100, hour: nil, day: nil), search: WindowLimits(minute: 200, hour: 6_000, day: 50_000))

    /// Professional, per the August 2026 transcription: as basic.
    public static let professional = PlanProfile(
        name: "professional", paid: true, standard: basic.standard, enrichment: basic.enrichment,
        bulkEnrichment: basic.bulkEnrichment, search: basic.search)

    /// Organization: 200/600/6,000 by default.
    public static let organization = PlanProfile(
        name: "organization", paid: true, standard: WindowLimits(minute: 200, hour: 600, day: 6_000),
        enrichment: basic.enrichment, bulkEnrichment: basic.bulkEnrichment, search: basic.search)

    /// The named profiles; `custom` starts from basic and is changed through the control API.
    public static func named(_ name: String) -> PlanProfile? {
        switch name.lowercased() {
        case "free": .free
        case "basic": .basic
        case "professional": .professional
        case "organization": .organization
        case "custom":
            PlanProfile(
                name: "custom", paid: true, standard: basic.standard, enrichment: basic.enrichment,
                bulkEnrichment: basic.bulkEnrichment, search: basic.search)
        default: nil
        }
    }
}
