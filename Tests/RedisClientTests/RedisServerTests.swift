import Foundation
import RedisClient
import TestSupport
import Testing

/// The client against a real redis-server (`PROSPECTOR_TEST_REDIS_URL`, started by ./scripts/test).
@Suite(.enabled(if: TestRedis.url != nil, "needs PROSPECTOR_TEST_REDIS_URL (./scripts/test starts a redis-server)"))
struct RedisServerTests {
    @Test func commandsPipelined_comeBackInOrder_andConcurrentCallersGetTheirOwnAnswers() async throws {
        let pool = RedisPool(try TestRedis.configuration(), size: 2)
        let prefix = "t:\(UUID().uuidString):"
        let connection = try await pool.connection()
        var commands: [[any RESPArgument]] = []
        for index in 0..<1_000 { commands.append(["SET", prefix + String(index), String(index * 2)]) }
        commands.append(["GET", prefix + "999"])
        let answers = try await connection.pipeline(commands)
        #expect(answers.count == 1_001 && answers.last?.string == "1998")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let value = try await pool.send("GET", prefix + String(index))
                    #expect(value.string == String(index * 2))
                }
            }
            try await group.waitForAll()
        }
        let refused = await #expect(throws: RedisError.self) { try await pool.send("LPUSH", prefix + "1", "x") }
        #expect(refused.map { "\($0)" }?.contains("WRONGTYPE") == true, "an error reply is a typed error, and the connection stays usable")
        #expect(try await pool.send("GET", prefix + "1").string == "2")
        #expect(try await pool.send("GET", prefix + "missing").isNull)
        let array = try await pool.send("MGET", prefix + "1", prefix + "missing")
        #expect(array.array?.map(\.string) == ["2", nil])
        await pool.shutdown()
    }

    @Test func scripts_areCalledByHash_andLoadedAgainAfterAFlush() async throws {
        let pool = RedisPool(try TestRedis.configuration(), size: 1)
        let script = RedisScript("return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}")
        let key = "t:\(UUID().uuidString)"
        try await pool.send("SCRIPT", "FLUSH")
        let first = try await pool.evaluate(script, keys: [key], arguments: ["a"])
        #expect(first.array?.map(\.string) == [key, "a", "1"])
        #expect(try await pool.send("SCRIPT", "EXISTS", script.sha1).array?.first?.int == 1, "loaded once")
        try await pool.send("SCRIPT", "FLUSH")
        #expect(try await pool.evaluate(script, keys: [key], arguments: ["b"]).array?.last?.int == 2, "NOSCRIPT: loaded again")
        await pool.shutdown()
    }

    @Test func blockingCommands_useTheirOwnConnection_andTheRestGoesOn() async throws {
        let pool = RedisPool(try TestRedis.configuration(), size: 1)
        let key = "t:\(UUID().uuidString)"
        async let popped = pool.withDedicatedConnection { connection in
            try await connection.send("BLPOP", key, 10, timeoutSeconds: 10)
        }
        #expect(try await pool.send("PING").string == "PONG", "the pool is not held up by the blocked pop")
        try await waitUntil { try await pool.send("CLIENT", "LIST", "TYPE", "normal").string?.contains("cmd=blpop") == true }
        try await pool.send("RPUSH", key, "job")
        #expect(try await popped.array?.map(\.string) == [key, "job"])
        await pool.shutdown()
    }

    @Test func anAnswerThatDoesNotCome_timesOut_andTheNextCommandReconnects() async throws {
        var configuration = try TestRedis.configuration()
        // Short enough to wait out, long enough that the commands after it answer in time on a loaded machine.
        configuration.commandTimeoutSeconds = 2
        let pool = RedisPool(configuration, size: 1)
        await #expect(throws: RedisError.timeout(command: "BLPOP")) {
            try await pool.send("BLPOP", "t:\(UUID().uuidString)", 30)
        }
        #expect(try await pool.send("PING").string == "PONG")
        // A connection the server drops is made again at the next use.
        let victim = try #require(try await pool.send("CLIENT", "ID").int)
        _ = try await pool.withDedicatedConnection { try await $0.send("CLIENT", "KILL", "ID", victim) }
        try await waitUntil { (try? await pool.send("CLIENT", "ID"))?.int.map { $0 != victim } ?? false }
        #expect(try await pool.send("PING").string == "PONG")
        await pool.shutdown()
    }

    @Test func usersPasswordsAndDatabases_comeFromTheURL() async throws {
        let base = try TestRedis.configuration()
        let user = "u\(UUID().uuidString.prefix(8).lowercased())"
        let admin = RedisPool(base, size: 1)
        try await admin.send("ACL", "SETUSER", user, "on", ">s3cret/pass", "~*", "+@all")
        let good = RedisPool(try RedisConfiguration(url: "redis://\(user):s3cret%2Fpass@\(base.host):\(base.port)/3"), size: 1)
        try await good.send("SET", "t:db3", "here")
        #expect(try await good.send("GET", "t:db3").string == "here")
        #expect(try await admin.send("GET", "t:db3").isNull, "database 3, not 0")
        let bad = RedisPool(try RedisConfiguration(url: "redis://\(user):wrong@\(base.host):\(base.port)"), size: 1)
        let refused = await #expect(throws: RedisError.self) { try await bad.send("PING") }
        #expect(refused.map { "\($0)" }?.contains("WRONGPASS") == true)
        try await admin.send("ACL", "DELUSER", user)
        for pool in [admin, good, bad] { await pool.shutdown() }
    }

    @Test func anUnreachableServer_failsFast_withBackoffBetweenAttempts() async throws {
        let pool = RedisPool(RedisConfiguration(host: "127.0.0.1", port: 9, connectTimeoutSeconds: 1), size: 1)
        await #expect(throws: RedisError.self) { try await pool.send("PING") }
        let started = ContinuousClock.now
        let second = await #expect(throws: RedisError.self) { try await pool.send("PING") }
        #expect("\(second.map { "\($0)" } ?? "")".contains("retrying shortly") || ContinuousClock.now - started < .seconds(1))
        await pool.shutdown()
    }
}

/// What each URL becomes, and which are refused with their reason.
@Suite struct RedisConfigurationTests {
    @Test func urls() throws {
        let plain = try RedisConfiguration(url: "redis://localhost")
        #expect(plain.host == "localhost" && plain.port == 6379 && plain.database == 0 && !plain.useTLS && plain.password == nil)
        let full = try RedisConfiguration(url: "rediss://worker:p%40ss@redis.internal:6380/2")
        #expect(full.username == "worker" && full.password == "p@ss" && full.port == 6380 && full.database == 2 && full.useTLS)
        #expect(full.redacted == "rediss://***@redis.internal:6380/2")
        let passwordOnly = try RedisConfiguration(url: "redis://:secret@h:1")
        #expect(passwordOnly.username == nil && passwordOnly.password == "secret")
        for (bad, reason) in [
            ("http://h", "scheme"), ("redis://", "host"), ("redis://h/x", "database"), ("redis://h:0", "port"), ("not a url at all", "URL"),
        ] {
            #expect(throws: RedisConfigurationError.self, "\(bad)") { try RedisConfiguration(url: bad) }
            do { _ = try RedisConfiguration(url: bad) } catch { #expect("\(error)".lowercased().contains(reason.lowercased()), "\(bad): \(error)") }
        }
    }
}
