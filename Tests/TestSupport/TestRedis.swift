import Foundation
import RedisClient

/// The redis-server of the run: `PROSPECTOR_TEST_REDIS_URL`, set by ./scripts/test (scripts/lib/redis.sh).
public enum TestRedis {
    public static var url: String? { ProcessInfo.processInfo.environment["PROSPECTOR_TEST_REDIS_URL"] }

    /// The run's server with another of its numbered databases: a test whose app runs a worker on Prospector's own
    /// queue names takes one of its own, so that no other test's worker takes its jobs.
    public static func url(database: Int) throws -> String {
        guard let url, var components = URLComponents(string: url) else {
            throw RedisConfigurationError.invalidURL("", reason: "PROSPECTOR_TEST_REDIS_URL is not set")
        }
        components.path = "/\(database)"
        return components.string!
    }

    /// The run's server as a configuration; throws when none is set.
    public static func configuration() throws -> RedisConfiguration {
        guard let url else { throw RedisConfigurationError.invalidURL("", reason: "PROSPECTOR_TEST_REDIS_URL is not set") }
        return try RedisConfiguration(url: url)
    }
}
