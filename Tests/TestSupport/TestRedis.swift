import Foundation
import RedisClient

/// The redis-server of the run: `PROSPECTOR_TEST_REDIS_URL`, set by ./scripts/test (scripts/lib/redis.sh).
public enum TestRedis {
    public static var url: String? { ProcessInfo.processInfo.environment["PROSPECTOR_TEST_REDIS_URL"] }

    /// The run's server as a configuration; throws when none is set.
    public static func configuration() throws -> RedisConfiguration {
        guard let url else { throw RedisConfigurationError.invalidURL("", reason: "PROSPECTOR_TEST_REDIS_URL is not set") }
        return try RedisConfiguration(url: url)
    }
}
