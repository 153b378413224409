/// What a process is for, and so which steps of the boot it takes.
public struct BootRole: Sendable {
    /// When the plan profile's limits are refined from Apollo's usage report.
    public enum LimitRefinement: Sendable {
        case never, inBackground, beforeRunning
    }

    /// Start the Apollo runtime (the live client, or the sandbox simulator).
    public var startsApollo: Bool
    /// Run a worker on these queues (nil: no worker in this process).
    public var workerQueues: [String: Int]?
    /// Create and print an admin key when the database has none.
    public var issuesFirstAdminKey: Bool
    public var limitRefinement: LimitRefinement
    /// Wait up to `DATABASE_STARTUP_WAIT_SECONDS` for an unreachable database (long-running processes); a command
    /// says at once that it cannot reach it.
    public var waitsForDatabase: Bool

    public init(
        startsApollo: Bool, workerQueues: [String: Int]? = nil, issuesFirstAdminKey: Bool = false, limitRefinement: LimitRefinement = .never,
        waitsForDatabase: Bool = false
    ) {
        self.startsApollo = startsApollo
        self.workerQueues = workerQueues
        self.issuesFirstAdminKey = issuesFirstAdminKey
        self.limitRefinement = limitRefinement
        self.waitsForDatabase = waitsForDatabase
    }

    /// `prospector serve`: HTTP, Apollo, the first admin key, and (unless `--no-worker`) a worker.
    public static func serve(workerQueues: [String: Int]?) -> BootRole {
        BootRole(startsApollo: true, workerQueues: workerQueues, issuesFirstAdminKey: true, limitRefinement: .inBackground, waitsForDatabase: true)
    }

    /// `prospector worker`: Apollo and a worker.
    public static func worker(queues: [String: Int]) -> BootRole {
        BootRole(startsApollo: true, workerQueues: queues, limitRefinement: .beforeRunning, waitsForDatabase: true)
    }

    /// A command that reads and writes our database only (`keys`, `jobs`, `credits`).
    public static let localCommand = BootRole(startsApollo: false)

    /// A command that calls Apollo (`sync`, `credits --reconcile`).
    public static let apolloCommand = BootRole(startsApollo: true)
}
