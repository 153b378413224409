import ApolloIOSimulator
import Foundation
import TestSupport
import Testing
import Vapor

/// The control API over HTTP, and asynchronous phone reveals delivered to a real receiver.
@Suite struct ControlAndWebhookTests {
    private static let master = ["x-api-key": SimulatorConfiguration.defaultMasterKey]

    @Test func counters_nameTheRecordsPaidForMoreThanOnce() async throws {
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30))) { server, _ in
            let people = await server.engine.snapshot().people.filter { $0.email != nil }.prefix(2)
            let (twice, once) = (people.first!, people.last!)
            for email in [twice.email!, twice.email!, once.email!] {
                let matched = try await RawHTTP.send("POST", server.baseURL + "/people/match", headers: Self.master, body: #"{"email": "\#(email)"}"#)
                #expect(matched.status == 200)
            }
            let counters = try await RawHTTP.send("GET", server.controlURL + "/counters")
            let charged = (counters.json["credits"] as? [String: Any])?["charged_more_than_once"] as? [String: Int]
            #expect(charged == ["person \(twice.id)": 2], "\(counters.body)")
        }
    }

    @Test func control_mutationsOutageAndCounters() async throws {
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30))) { server, _ in
            let data = await server.engine.snapshot()
            let contact = data.contacts[0]
            let before = try await RawHTTP.send("GET", server.baseURL + "/contacts/\(contact.id)", headers: Self.master)
            try await Task.sleep(for: .milliseconds(20))
            let patched = try await RawHTTP.send("PATCH", server.controlURL + "/contacts/\(contact.id)", body: #"{"title": "Chief Sampler"}"#)
            #expect(patched.status == 200)
            let after = try await RawHTTP.send("GET", server.baseURL + "/contacts/\(contact.id)", headers: Self.master)
            let beforeContact = try #require(before.json["contact"] as? [String: Any])
            let afterContact = try #require(after.json["contact"] as? [String: Any])
            #expect(afterContact["title"] as? String == "Chief Sampler")
            #expect(afterContact["updated_at"] as? String != beforeContact["updated_at"] as? String)
            let stage = data.opportunityStages.last!.id
            let moved = try await RawHTTP.send(
                "POST", server.controlURL + "/opportunities/\(data.opportunities[0].id)/stage", body: #"{"stage_id": "\#(stage)"}"#)
            #expect(moved.status == 200)
            let deal = try await RawHTTP.send("GET", server.baseURL + "/opportunities/\(data.opportunities[0].id)", headers: Self.master)
            #expect((deal.json["opportunity"] as? [String: Any])?["opportunity_stage_id"] as? String == stage)
            let reply1 = try await RawHTTP.send("DELETE", server.controlURL + "/records/contacts/\(contact.id)")
            #expect(reply1.status == 200)
            let deleted = try await RawHTTP.send("GET", server.baseURL + "/contacts/\(contact.id)", headers: Self.master)
            #expect(deleted.json["error"] as? String == "This contact has been deleted.")
            let reply2 = try await RawHTTP.send("PUT", server.controlURL + "/faults", body: #"{"outage_seconds": 30}"#)
            #expect(reply2.status == 200)
            let down = try await RawHTTP.send("GET", server.baseURL + "/contact_stages", headers: Self.master)
            #expect(down.status == 503)
            let reply3 = try await RawHTTP.send("DELETE", server.controlURL + "/faults")
            #expect(reply3.status == 200)
            let reply4 = try await RawHTTP.send("PUT", server.controlURL + "/time-scale", body: #"{"scale": 0}"#)
            #expect(reply4.status == 400)
            let counters = try await RawHTTP.send("GET", server.controlURL + "/counters")
            let calls = try #require(counters.json["calls"] as? [String: [String: Int]])
            #expect(calls["api/v1/contacts/show"]?["200"] == 2)
            #expect(calls["api/v1/contacts/show"]?["422"] == 1)
            #expect(calls["api/v1/contact_stages/index"]?["503"] == 1)
        }
    }

    @Test func phoneReveal_isDeliveredToTheWebhookAndRetriedAfterAFailure() async throws {
        let receiver = try await WebhookReceiver.start(failFirst: 1)
        // Nearly frozen: the test moves time past the delivery delay, then past the retry's backoff.
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30), timeScale: 0.001)
        configuration.webhookDelaySeconds = 10
        try await SimulatorHarness.withSimulator(configuration) { server, _ in
            let person = try #require(await server.engine.snapshot().people.first { $0.mobilePhone != nil && $0.email != nil })
            let started = try await RawHTTP.send(
                "POST", server.baseURL + "/people/match?reveal_phone_number=true&webhook_url=\(receiver.url)", headers: Self.master,
                body: #"{"email": "\#(person.email!)"}"#)
            let requestID = try #require(started.json["request_id"] as? NSNumber).int64Value
            let pending = try await RawHTTP.send("GET", server.baseURL + "/webhook_result/\(requestID)", headers: Self.master)
            #expect(pending.status == 404)
            #expect(pending.json["error_code"] as? String == "result_pending")
            await server.engine.advanceClock(seconds: 11)
            // The simulator has recorded the failed attempt (and scheduled the retry) before time moves again.
            try await waitUntil { await server.engine.callCount(route: "webhook/delivery", status: 500) == 1 }
            await server.engine.advanceClock(seconds: 11)
            try await waitUntil { await !receiver.bodies.isEmpty }
            let bodies = await receiver.bodies
            let attempts = await receiver.attempts
            await receiver.stop()
            #expect(attempts == 2)
            let payload = try #require(bodies.first.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
            let people = try #require(payload["people"] as? [[String: Any]])
            #expect(people.first?["id"] as? String == person.id)
            #expect(payload["request_id"] as? String == String(requestID))
            let result = try await RawHTTP.send("GET", server.baseURL + "/webhook_result/\(requestID)", headers: Self.master)
            #expect(result.status == 200)
            #expect(result.json["request_id"] as? String == String(requestID))
            let counters = await server.engine.countersJSON()
            #expect(counters["credits"]?["direct_dial_credit"] == .double(8))
        }
    }
}

/// A real HTTP server that records webhook deliveries, answering 500 to the first `failFirst` of them.
actor WebhookReceiver {
    private(set) var bodies: [Data] = []
    private(set) var attempts = 0
    private let failFirst: Int
    private var app: Application?
    private(set) var url = ""

    init(failFirst: Int) { self.failFirst = failFirst }

    static func start(failFirst: Int) async throws -> WebhookReceiver {
        let receiver = WebhookReceiver(failFirst: failFirst)
        try await receiver.boot()
        return receiver
    }

    private func boot() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        app.post("hook") { [self] request async -> HTTPStatus in
            await self.receive(request.body.data.map { Data(buffer: $0) } ?? Data())
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        self.app = app
        url = "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/hook"
    }

    private func receive(_ body: Data) -> HTTPStatus {
        attempts += 1
        if attempts <= failFirst { return .internalServerError }
        bodies.append(body)
        return .ok
    }

    func stop() async {
        await app?.server.shutdown()
        try? await app?.asyncShutdown()
    }
}
