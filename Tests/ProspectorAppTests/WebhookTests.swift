import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorData
import ProspectorServices
import Synchronization
import TestSupport
import Testing
import Vapor

/// A receiver on a real port: it records every delivery and fails the first `failures` with 500.
private final class Receiver: Sendable {
    struct Delivery: Sendable {
        var headers: [String: String]
        var body: [UInt8]
    }

    let app: Application
    let url: String
    private let state: Mutex<(received: [Delivery], failuresLeft: Int)>

    private init(app: Application, url: String, failures: Int) {
        self.app = app
        self.url = url
        self.state = Mutex(([], failures))
    }

    static func start(failures: Int) async throws -> Receiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        let box = Mutex<Receiver?>(nil)
        app.on(.POST, "hook", body: .collect(maxSize: "1mb")) { request -> HTTPStatus in
            guard let receiver = box.withLock({ $0 }) else { return .serviceUnavailable }
            return receiver.record(request)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let receiver = Receiver(app: app, url: "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/hook", failures: failures)
        box.withLock { $0 = receiver }
        return receiver
    }

    private func record(_ request: Request) -> HTTPStatus {
        let delivery = Delivery(
            headers: Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a }),
            body: request.body.data.map { Array(buffer: $0) } ?? [])
        return state.withLock { state in
            state.received.append(delivery)
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                return .internalServerError
            }
            return .ok
        }
    }

    var received: [Delivery] { state.withLock { $0.received } }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// Outbound webhooks over HTTP on the run's engine: signed deliveries, retries until a flaky receiver accepts,
/// the delivery log, redelivery, and a subscription disabled after repeated failures.
@Suite struct WebhookTests {
    @Test func aFlakyReceiver_getsEveryEventSigned_andTheLogShowsIt() async throws {
        let receiver = try await Receiver.start(failures: 2)
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"], worker: true) { api in
            let key = api.adminKey
            let created = try await api.send("POST", "/api/webhooks", key: key, json: #"{"url": "\#(receiver.url)", "eventTypes": ["deal.created"]}"#)
            #expect(created.status == 201)
            let secret = try #require(created.json["secret"] as? String)
            let webhookID = try #require((created.json["webhook"] as? [String: Any])?["id"] as? String)
            let owner = try #require(await api.simulator.engine.snapshot().users.first?.id)
            let deal = try await api.send("POST", "/api/deals", key: key, json: #"{"name": "Hooked", "amount": 10, "ownerId": "\#(owner)"}"#)
            let dealID = try #require(deal.json["dealId"] as? String, "\(deal.status) \(deal.body)")
            let runtime = try #require(api.app.apollo)
            _ = try await AutomationService(client: runtime.client, database: api.app.db, rules: []).dispatch()
            try await waitUntil(timeout: .seconds(30)) { receiver.received.count >= 3 }

            let accepted = try #require(receiver.received.last)
            let signature = try #require(accepted.headers["prospector-signature"])
            let timestamp = try #require(accepted.headers["prospector-timestamp"])
            #expect(WebhookSignature.verify(secret: secret, signature: signature, timestamp: timestamp, body: accepted.body))
            let event = try #require(try JSONSerialization.jsonObject(with: Data(accepted.body)) as? [String: Any])
            #expect(event["type"] as? String == "deal.created" && event["entityId"] as? String == dealID)
            #expect(accepted.headers["prospector-event-id"] == event["id"] as? String)
            // The documented check rejects a tampered body, another secret and a replay outside the tolerance.
            #expect(!WebhookSignature.verify(secret: secret, signature: signature, timestamp: timestamp, body: accepted.body + Array(" ".utf8)))
            #expect(!WebhookSignature.verify(secret: "another secret entirely", signature: signature, timestamp: timestamp, body: accepted.body))
            #expect(
                !WebhookSignature.verify(
                    secret: secret, signature: signature, timestamp: timestamp, body: accepted.body,
                    now: Date().addingTimeInterval(3_600)))

            var deliveries: [[String: Any]] = []
            try await waitUntil {
                deliveries = try await api.send("GET", "/api/webhooks/\(webhookID)/deliveries", key: key).json["deliveries"] as? [[String: Any]] ?? []
                return deliveries.first?["state"] as? String == "delivered"
            }
            #expect(deliveries.count == 1 && deliveries[0]["attempts"] as? Int == 3 && deliveries[0]["responseCode"] as? Int == 200)
            let deliveryID = try #require(deliveries[0]["id"] as? String)
            #expect(try await api.send("POST", "/api/webhooks/deliveries/\(deliveryID)/redeliver", key: key).status == 202)
            try await waitUntil(timeout: .seconds(30)) { receiver.received.count >= 4 }
            #expect(try await api.send("DELETE", "/api/webhooks/\(webhookID)", key: key).status == 204)
        }
        try await receiver.stop()
    }

    @Test func aSubscriptionThatKeepsFailing_isDisabledWithItsReason() async throws {
        let receiver = try await Receiver.start(failures: 1_000)
        try await TestDatabase.withDatabase { database in
            let subscription = WebhookSubscription(url: receiver.url, secret: "secret-secret-secret", eventTypes: ["*"])
            try await subscription.create(on: database)
            let event = DomainEvent(type: "contact.created", entityType: "contact", entityID: "c1", payload: "{}")
            try await event.create(on: database)
            try await WebhookService.fanOut(event, on: database)
            let delivery = try #require(try await WebhookDelivery.query(on: database).first())
            let service = WebhookService(database: database)
            for _ in 0..<WebhookService.disableAfter {
                await #expect(throws: WebhookError.self) { try await service.deliver(try delivery.requireID()) }
            }
            let disabled = try #require(try await WebhookSubscription.find(subscription.id, on: database))
            #expect(!disabled.active && disabled.disabledReason?.contains("the receiver answered 500") == true)
            try await service.deliver(try delivery.requireID())  // a disabled subscription is not called again
            #expect(receiver.received.count == WebhookService.disableAfter)
        }
        try await receiver.stop()
    }
    /// The worker's dispatcher and another (an operator's run, a second process) at once: each event is fanned out
    /// once, and neither fails (on PostgreSQL the loser of a unique index would abort its whole transaction).
    @Test func concurrentDispatchers_shareTheEvents_andFanEachOutOnce() async throws {
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: 50, organizations: 5))) { _, client in
            try await TestDatabase.withDatabase { database in
                try await WebhookSubscription(url: "http://127.0.0.1:9/hook", secret: "secret-secret-secret", eventTypes: ["*"]).create(on: database)
                for index in 0..<60 {
                    try await DomainEvent(type: "contact.created", entityType: "contact", entityID: "c\(index)", payload: "{}").create(on: database)
                }
                let automation = AutomationService(client: client, database: database, rules: [])
                let dispatched = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<4 { group.addTask { try await automation.dispatch(limit: 20) + automation.dispatch(limit: 20) } }
                    return try await group.reduce(0, +)
                }
                #expect(dispatched == 60)
                #expect(try await WebhookDelivery.query(on: database).count() == 60)
                #expect(try await DomainEvent.query(on: database).filter(\.$dispatchedAt == nil).count() == 0)
            }
        }
    }
}
