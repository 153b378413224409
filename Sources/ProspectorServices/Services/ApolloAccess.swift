import ApolloIOClient

/// The Apollo side services call: the client, every call through the resilience pipeline.
public struct ApolloAccess: Sendable {
    public let client: ApolloClient

    public init(client: ApolloClient) {
        self.client = client
    }
}
