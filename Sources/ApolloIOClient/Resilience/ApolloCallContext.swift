/// Who a call is made for, carried with the task (so typed operations need no extra parameters).
///
/// A controller sets `interactive` with the API key's id; a job handler sets `background` with the job's id.
public struct ApolloCallContext: Sendable, Equatable {
    public var priority: CallPriority
    /// Our API key that caused the call, for credit budgets and the ledger.
    public var apiKeyID: String?
    /// The job that caused the call.
    public var jobID: Int64?

    public init(priority: CallPriority, apiKeyID: String? = nil, jobID: Int64? = nil) {
        self.priority = priority
        self.apiKeyID = apiKeyID
        self.jobID = jobID
    }

    /// The context of the current task; background by default (a call nobody is waiting for).
    @TaskLocal public static var current = ApolloCallContext(priority: .background)
}
