import Foundation

/// An API key the simulator accepts.
public struct SimulatorKey: Sendable, Hashable {
    public var key: String
    public var master: Bool
    /// Scope labels (`api/v1/contacts/search`, …) a scoped key may call.
    public var scopes: Set<String>

    public init(key: String, master: Bool, scopes: Set<String> = []) {
        self.key = key
        self.master = master
        self.scopes = scopes
    }

    /// Whether this key may call a route with this label.
    public func allows(label: String, masterKeyOnly: Bool) -> Bool {
        master || (!masterKeyOnly && scopes.contains(label))
    }
}

/// Everything that shapes the simulator; every field has a documented default.
public struct SimulatorConfiguration: Sendable {
    /// Default master key: `sim-master-key`.
    public static let defaultMasterKey = "sim-master-key"
    /// Default scoped key: `sim-scoped-key`, allowed only ``defaultScopes``.
    public static let defaultScopedKey = "sim-scoped-key"
    /// The scopes of the default scoped key: people search and contact read/search.
    public static let defaultScopes: Set<String> = [
        "api/v1/mixed_people/api_search", "api/v1/contacts/search", "api/v1/contacts/show", "api/v1/contact_stages/index",
    ]

    public var seed: UInt64
    public var size: DatasetSize
    public var plan: PlanProfile
    /// Simulated seconds per real second: 60 makes a rate-limit minute last one second.
    public var timeScale: Double
    /// Whether 429 responses carry `Retry-After` (UNCONFIRMED for Apollo, so switchable).
    public var sendRetryAfter: Bool
    public var keys: [SimulatorKey]
    /// Route labels only a master key may call. `api/v1/users/search` can be added to follow S-AUTH.
    public var masterKeyOnlyRoutes: Set<String>
    /// Simulated seconds before an asynchronous phone reveal is delivered to its webhook.
    public var webhookDelaySeconds: Double
    /// Pages of 100 a search can reach: Apollo's display limit is 500 (50,000 records). Tests lower it to exercise
    /// slicing without generating 50,000 records.
    public var displayLimitPages = 500
    /// Credits in the team's `lead_credit` and `direct_dial_credit` pools for the cycle.
    public var leadCreditLimit: Int
    public var directDialCreditLimit: Int
    /// Serve every answer with the odd field types Apollo sometimes sends (numbers as strings and the reverse,
    /// booleans as strings, `null` for empty lists). Off unless `SIMULATOR_QUIRKS=1` is in the environment; the control
    /// API switches it at run time (`PUT /__simulator/quirks`).
    public var quirks = SimulatorConfiguration.quirksFromEnvironment

    /// `SIMULATOR_QUIRKS` as a switch: `1`, `true`, `yes` or `on`.
    public static var quirksFromEnvironment: Bool {
        ["1", "true", "yes", "on"].contains(ProcessInfo.processInfo.environment["SIMULATOR_QUIRKS"]?.lowercased() ?? "")
    }

    public init(
        seed: UInt64 = 42, size: DatasetSize = DatasetSize(), plan: PlanProfile = .basic, timeScale: Double = 1,
        sendRetryAfter: Bool = true,
        keys: [SimulatorKey] = [
            SimulatorKey(key: SimulatorConfiguration.defaultMasterKey, master: true),
            SimulatorKey(key: SimulatorConfiguration.defaultScopedKey, master: false, scopes: SimulatorConfiguration.defaultScopes),
        ],
        masterKeyOnlyRoutes: Set<String> = ["api/v1/phone_calls/search", "api/v1/emailer_messages/activities"],
        webhookDelaySeconds: Double = 120, leadCreditLimit: Int = 100_000, directDialCreditLimit: Int = 10_000
    ) {
        self.seed = seed
        self.size = size
        self.plan = plan
        self.timeScale = timeScale
        self.sendRetryAfter = sendRetryAfter
        self.keys = keys
        self.masterKeyOnlyRoutes = masterKeyOnlyRoutes
        self.webhookDelaySeconds = webhookDelaySeconds
        self.leadCreditLimit = leadCreditLimit
        self.directDialCreditLimit = directDialCreditLimit
    }
}
