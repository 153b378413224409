import ApolloIOClient
import ProspectorData

/// What one match call to Apollo answered: a person or nil per identity, in order, and the request id Apollo gives
/// when part of the answer (phones, a waterfall) follows asynchronously.
public struct ApolloMatch: Sendable {
    public var matches: [Person?]
    public var requestID: RequestID?
    /// Answers dropped because the person Apollo found is suppressed, by index.
    public var suppressed: [Int: Suppression.Kind] = [:]

    public init(matches: [Person?], requestID: RequestID?) {
        self.matches = matches
        self.requestID = requestID
    }
}
