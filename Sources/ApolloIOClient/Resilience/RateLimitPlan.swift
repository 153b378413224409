/// Limits of one endpoint group in Apollo's three fixed windows; nil means no limit in that window.
public struct GroupLimits: Sendable, Hashable, Codable {
    public var minute: Int?
    public var hour: Int?
    public var day: Int?

    public init(minute: Int?, hour: Int?, day: Int?) {
        self.minute = minute
        self.hour = hour
        self.day = day
    }

    public subscript(window: RateLimitWindow) -> Int? {
        switch window {
        case .minute: minute
        case .hour: hour
        case .day: day
        }
    }
}

/// The limits the governor starts from, per endpoint group (CONTRACT §5.2); refined at startup from the usage-stats
/// endpoint and corrected by the headers of every response.
public struct RateLimitPlan: Sendable, Hashable {
    public var name: String
    public var groups: [EndpointGroup: GroupLimits]

    public init(name: String, groups: [EndpointGroup: GroupLimits]) {
        self.name = name
        self.groups = groups
    }

    public func limits(for group: EndpointGroup) -> GroupLimits {
        groups[group] ?? GroupLimits(minute: nil, hour: nil, day: nil)
    }

    /// Free plan: 50/min, 200/h, 600/day; bulk enrichment 20/min, 100/h.
    public static let free = RateLimitPlan(
        name: "free",
        groups: [
            .standard: GroupLimits(minute: 50, hour: 200, day: 600), .enrichment: GroupLimits(minute: 50, hour: 200, day: 600),
            .bulkEnrichment: GroupLimits(minute: 20, hour: 100, day: 600), .search: GroupLimits(minute: 50, hour: 200, day: 600),
        ])

    /// Basic (and, per the August 2026 transcription, Professional): 200/400/2,000 by default; enrichment 1,000/min
    /// with no hour or day cap, bulk a tenth of it; search 200/min, 6,000/h, 50,000/day.
    public static let basic = RateLimitPlan(
        name: "basic",
        groups: [
            .standard: GroupLimits(minute: 200, hour: 400, day: 2_000), .enrichment: GroupLimits(minute: 1_000, hour: nil, day: nil),
            .bulkEnrichment: GroupLimits(minute: 100, hour: nil, day: nil), .search: GroupLimits(minute: 200, hour: 6_000, day: 50_000),
        ])

    /// Organization: as basic with 200/600/6,000 by default.
    public static let organization: RateLimitPlan = {
        var plan = basic
        plan.name = "organization"
        plan.groups[.standard] = GroupLimits(minute: 200, hour: 600, day: 6_000)
        return plan
    }()

    /// A profile by name: free, basic, professional or organization.
    public static func named(_ name: String) -> RateLimitPlan? {
        switch name.lowercased() {
        case "free": .free
        case "basic": .basic
        case "professional": RateLimitPlan(name: "professional", groups: basic.groups)
        case "organization": .organization
        default: nil
        }
    }
}

extension RateLimitWindow {
    /// The window's length in seconds.
    public var seconds: Double {
        switch self {
        case .minute: 60
        case .hour: 3_600
        case .day: 86_400
        }
    }
}
