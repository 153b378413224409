/// A request a service refuses: the API answers it with its own status and code, the CLI prints it.
public enum ServiceError: Error, Equatable, CustomStringConvertible {
    /// An input is unusable; `field` names it.
    case invalid(field: String, problem: String)
    /// No such record.
    case notFound(String)
    /// The record is in a state that does not allow the operation.
    case conflict(String)
    /// The person is on the suppression list (or was erased): nothing is done and nothing spent.
    case suppressed(String)
    /// This process was built without the Apollo runtime (a command that does not talk to Apollo).
    case apolloNotStarted
    /// The job queue's Redis did not answer: nothing was added; retry.
    case queueUnavailable(String)

    public var description: String {
        switch self {
        case .invalid(let field, let problem): "\(field) \(problem)"
        case .notFound(let message), .conflict(let message), .suppressed(let message): message
        case .apolloNotStarted: "the Apollo runtime is not started"
        case .queueUnavailable(let message): message
        }
    }
}
