import Foundation

/// Where and how to reach Redis: from a `redis://` or `rediss://` URL, with an optional user and password and a
/// database number, as Redis clients spell it.
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int
    /// TLS (`rediss://`).
    public var useTLS: Bool
    /// How long a command may wait for its answer (blocking commands add their own timeout to it).
    public var commandTimeoutSeconds: Double
    /// How long connecting may take.
    public var connectTimeoutSeconds: Double

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0, useTLS: Bool = false,
        commandTimeoutSeconds: Double = 10, connectTimeoutSeconds: Double = 5
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.useTLS = useTLS
        self.commandTimeoutSeconds = commandTimeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Reads `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS).
    public init(url text: String) throws(RedisConfigurationError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw .invalidURL(text, reason: "not a URL")
        }
        guard scheme == "redis" || scheme == "rediss" else { throw .invalidURL(text, reason: "the scheme must be redis:// or rediss://") }
        guard let host = url.host, !host.isEmpty else { throw .invalidURL(text, reason: "it names no host") }
        let port = url.port ?? 6379
        guard (1...65_535).contains(port) else { throw .invalidURL(text, reason: "the port must be 1 to 65535") }
        var database = 0
        let path = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { throw .invalidURL(text, reason: "the path must be a database number") }
            database = number
        }
        self.init(
            host: host, port: port, username: url.percentEncodedUser.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding },
            password: url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }, database: database, useTLS: scheme == "rediss")
    }

    /// The address without the password, for logs and `/health`.
    public var redacted: String {
        "\(useTLS ? "rediss" : "redis")://\(password == nil ? "" : "***@")\(host):\(port)/\(database)"
    }
}
