/// Why a Redis command did not give an answer.
public enum RedisError: Error, Sendable, Equatable {
    /// The server answered with an error reply (`-ERR …`, `-NOSCRIPT …`, `-WRONGTYPE …`).
    case server(String)
    /// No connection could be made, or it was lost before the answer came.
    case connectionLost(String)
    /// The answer did not come in time; the connection was closed (its pipeline can no longer be trusted).
    case timeout(command: String)
    /// The server's bytes were not RESP.
    case protocolViolation(String)
    /// The answer was not of the type the caller needed.
    case unexpectedReply(String)
    /// The client is shut down.
    case shutDown
}

/// Why a Redis URL is refused.
public enum RedisConfigurationError: Error, Sendable, Equatable {
    case invalidURL(String, reason: String)
}
