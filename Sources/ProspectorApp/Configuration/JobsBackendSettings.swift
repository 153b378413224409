import Configuration
import RedisClient

/// Where jobs added by name live (`JOBS_BACKEND`): the SQL database (the default), or Redis in BullMQ's layout, at
/// `REDIS_URL` or the reference's `REDIS_HOST` / `REDIS_PORT`.
public enum JobsBackend: Sendable, Equatable {
    case sql
    case redis(RedisConfiguration)

    /// The Redis configuration, when jobs are on Redis.
    public var redis: RedisConfiguration? {
        if case .redis(let configuration) = self { return configuration }
        return nil
    }

    /// The name `/health` and the logs use.
    public var name: String {
        switch self {
        case .sql: "sql"
        case .redis: "redis"
        }
    }

    static func read(_ reader: ConfigReader) throws(ConfigurationError) -> JobsBackend {
        let backend = (reader.string(forKey: "jobs.backend") ?? "sql").lowercased()
        switch backend {
        case "sql", "postgres", "postgresql", "sqlite", "": return .sql
        case "redis":
            if let url = reader.string(forKey: "redis.url", isSecret: true), !url.isEmpty {
                do {
                    return .redis(try RedisConfiguration(url: url))
                } catch {
                    switch error {
                    case .invalidURL(_, let reason):
                        throw .invalid(key: "REDIS_URL", value: "(hidden)", expected: "a redis:// or rediss:// URL (\(reason))")
                    }
                }
            }
            let host = reader.string(forKey: "redis.host") ?? "127.0.0.1"
            let port = try AppConfiguration.integer(reader, "redis.port", env: "REDIS_PORT", default: 6379, range: 1...65_535)
            return .redis(RedisConfiguration(host: host, port: port))
        default:
            throw .invalid(key: "JOBS_BACKEND", value: backend, expected: "sql or redis")
        }
    }
}
