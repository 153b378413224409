import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The fixed minute/hour/day windows, run fast under a time scale.
@Suite struct WindowTests {
    /// The clock is nearly frozen while calls are counted (so a loaded machine cannot let a window lapse
    /// mid-test) and moved through the control API to let a window pass.
    @Test func windows_minuteResetsUnderTimeScale_hourStaysExhausted() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 200, organizations: 20), timeScale: 0.001)
        configuration.plan.standard = WindowLimits(minute: 4, hour: 6, day: 100)
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            let url = server.baseURL + "/contact_stages"
            let headers = ["x-api-key": SimulatorConfiguration.defaultMasterKey]
            var last = try await RawHTTP.send("GET", url, headers: headers)
            for _ in 1..<4 { last = try await RawHTTP.send("GET", url, headers: headers) }
            #expect(last.header("x-minute-usage") == "4")
            #expect(last.header("x-minute-requests-left") == "0")
            #expect(last.header("x-hourly-requests-left") == "2")
            let limited = try await RawHTTP.send("GET", url, headers: headers)
            #expect(limited.status == 429)
            #expect((limited.json["message"] as? String)?.contains("is 4 times per minute") == true)
            let wait = try #require(Double(limited.header("retry-after") ?? ""))
            #expect(wait > 59_000 && wait <= 60_000, "Retry-After is in real seconds at the current scale")
            let moved = try await RawHTTP.send("POST", server.controlURL + "/clock/advance", body: #"{"seconds": 61}"#)
            #expect(moved.status == 200 && moved.json["simulated_now"] != nil)
            let reopened = try await RawHTTP.send("GET", url, headers: headers)
            #expect(reopened.status == 200)
            #expect(reopened.header("x-minute-usage") == "1")
            _ = try await RawHTTP.send("GET", url, headers: headers)
            let hourly = try await RawHTTP.send("GET", url, headers: headers)
            #expect(hourly.status == 429)
            #expect((hourly.json["message"] as? String)?.contains("is 6 times per hour") == true)
            let hourWait = try #require(Double(hourly.header("retry-after") ?? ""))
            #expect(hourWait > 3_300_000 && hourWait <= 3_600_000)
            await server.engine.setRetryAfter(false)
            let silent = try await RawHTTP.send("GET", url, headers: headers)
            #expect(silent.status == 429)
            #expect(silent.header("retry-after") == nil)
        }
    }

    @Test func windows_arePerRoute() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 200, organizations: 20))
        configuration.plan.standard = WindowLimits(minute: 1, hour: 10, day: 10)
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            let headers = ["x-api-key": SimulatorConfiguration.defaultMasterKey]
            let reply1 = try await RawHTTP.send("GET", server.baseURL + "/contact_stages", headers: headers)
            #expect(reply1.status == 200)
            let reply2 = try await RawHTTP.send("GET", server.baseURL + "/contact_stages", headers: headers)
            #expect(reply2.status == 429)
            let reply3 = try await RawHTTP.send("GET", server.baseURL + "/account_stages", headers: headers)
            #expect(reply3.status == 200)
        }
    }
}

@Suite struct BurstTests {
    @Test func rateLimitBurst_answersTheNextCalls429ThenRecovers() async throws {
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: 200, organizations: 20))) { server, _ in
            let headers = ["x-api-key": SimulatorConfiguration.defaultMasterKey]
            let set = try await RawHTTP.send("PUT", server.controlURL + "/faults", body: #"{"rate_limit_burst": 2}"#)
            #expect(set.status == 200)
            var statuses: [Int] = []
            for _ in 0..<3 { statuses.append(try await RawHTTP.send("GET", server.baseURL + "/contact_stages", headers: headers).status) }
            #expect(statuses == [429, 429, 200])
        }
    }
}
