import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// Every error class the client exposes, produced by the simulator over real HTTP.
@Suite struct ClientErrorTests {
    private static let small = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30))

    @Test func missingKey_isRefusedWithoutSending() async throws {
        try await SimulatorHarness.withSimulator(Self.small, apiKey: nil) { server, client in
            await #expect(throws: ApolloError.missingAPIKey) { _ = try await client.contactStages() }
            #expect(await server.engine.countersJSON()["total_calls"] == .int(0))
        }
    }

    @Test func invalidKey_is401WithPlainTextMessage() async throws {
        try await SimulatorHarness.withSimulator(Self.small, apiKey: "not-a-key") { _, client in
            await #expect(
                throws: ApolloError.invalidAPIKey(
                    message: "Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.")
            ) {
                _ = try await client.contactStages()
            }
            let answer1 = try await client.authHealth()
            #expect(answer1.value.isLoggedIn == false)
        }
    }

    @Test func scopedKey_forbiddenOutsideItsScopes_masterOnlyRoute() async throws {
        try await SimulatorHarness.withSimulator(Self.small, apiKey: SimulatorConfiguration.defaultScopedKey) { server, client in
            _ = try await client.searchPeople(PeopleSearchRequest(perPage: 1))
            let scoped = await apolloError { try await client.createContact(ContactInput(firstName: "No")) }
            guard case .forbidden(.scopeNotGranted(let scope), _)? = scoped else {
                Issue.record("unexpected \(String(describing: scoped))")
                return
            }
            #expect(scope == "api/v1/contacts/create")
            await server.engine.setMasterKeyOnly("api/v1/contacts/search", true)
            let master = await apolloError { try await client.searchContacts(ContactSearchRequest()) }
            guard case .forbidden(.masterKeyRequired, _)? = master else {
                Issue.record("unexpected \(String(describing: master))")
                return
            }
        }
    }

    @Test func freePlan_paidOnlyEndpointIsPlanRestricted() async throws {
        var configuration = Self.small
        configuration.plan = .free
        try await SimulatorHarness.withSimulator(configuration) { _, client in
            await #expect(
                throws: ApolloError.forbidden(reason: .planRestricted, message: "This endpoint is only available to Apollo users on paid plans.")
            ) {
                _ = try await client.searchOrganizations(OrganizationSearchRequest())
            }
        }
    }

    @Test(arguments: [true, false])
    func rateLimited_withAndWithoutRetryAfter(sendRetryAfter: Bool) async throws {
        var configuration = Self.small
        configuration.plan.standard = WindowLimits(minute: 3, hour: 100, day: 1_000)
        configuration.sendRetryAfter = sendRetryAfter
        configuration.timeScale = 0.001
        try await SimulatorHarness.withSimulator(configuration) { server, client in
            for _ in 0..<3 { _ = try await client.contactStages() }
            let error = await apolloError { try await client.contactStages() }
            guard case .rateLimited(let rejection)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(rejection.window == .minute)
            #expect(rejection.retryAfterFromHeader == sendRetryAfter)
            guard sendRetryAfter else {
                #expect(rejection.retryAfterSeconds == 60)
                return
            }
            #expect(rejection.retryAfterSeconds > 59_000 && rejection.retryAfterSeconds <= 60_000)
            await server.engine.advanceClock(seconds: 61)
            let after = try await client.contactStages()
            #expect(after.rateLimit.minute == .limited(limit: 3, used: 1, remaining: 2))
        }
    }

    @Test func timeout_serverError_outage_andReset() async throws {
        // A timeout well above what a loaded machine needs to answer, and latency well above the timeout.
        try await SimulatorHarness.withSimulator(Self.small, requestTimeoutSeconds: 3) { server, client in
            var faults = FaultSettings()
            faults.latencyMilliseconds = 6_000
            await server.engine.setFaults(faults)
            await #expect(throws: ApolloError.timeout) { _ = try await client.contactStages() }
            faults = FaultSettings()
            faults.errorRate = 1
            await server.engine.setFaults(faults)
            await #expect(throws: ApolloError.serverError(status: 500, message: "An unexpected error occurred. Please try again.")) {
                _ = try await client.contactStages()
            }
            await server.engine.setFaults(FaultSettings())
            await server.engine.startOutage(seconds: 30)
            let outage = await apolloError { try await client.contactStages() }
            guard case .serverError(503, _)? = outage else {
                Issue.record("unexpected \(String(describing: outage))")
                return
            }
            faults = FaultSettings()
            faults.connectionResetRate = 1
            await server.engine.setFaults(faults)
            let reset = await apolloError { try await client.contactStages() }
            guard case .transport? = reset else {
                Issue.record("unexpected \(String(describing: reset))")
                return
            }
        }
    }

    @Test func undecodable_keepsTheRawBody() async throws {
        try await SimulatorHarness.withSimulator(Self.small) { _, client in
            let error = await apolloError { try await client.send(.contactStages, as: ContactEnvelope.self) }
            guard case .undecodableResponse(200, let body, _)? = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(body.contains("contact_stages"))
        }
    }
}
