import Fluent
import JobQueue
import ProspectorData
import ProspectorServices
import Vapor

/// Outbound webhook subscriptions (admin): create (the signing secret is shown once), list, delete, their delivery
/// log, and redelivery of one delivery.
struct WebhooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("webhooks")
        webhooks.post(use: create)
        webhooks.get(use: list)
        webhooks.delete(":id", use: delete)
        webhooks.get(":id", "deliveries", use: deliveries)
        webhooks.post("deliveries", ":id", "redeliver", use: redeliver)
    }

    @Sendable func create(request: Request) async throws -> Response {
        try request.require(scope: "admin")
        let body = try JSONBody.decode(CreateWebhookBody.self, from: request)
        let secret = body.secret ?? WebhookSignature.newSecret()
        let subscription = WebhookSubscription(url: body.url, secret: secret, eventTypes: body.eventTypes)
        try await subscription.create(on: request.db)
        let response = Response(status: .created)
        try response.content.encode(CreatedWebhookResponse(webhook: try WebhookDTO(subscription), secret: secret), as: .json)
        return response
    }

    @Sendable func list(request: Request) async throws -> WebhooksResponse {
        try request.require(scope: "admin")
        return WebhooksResponse(webhooks: try await WebhookSubscription.query(on: request.db).sort(\.$createdAt).all().map(WebhookDTO.init))
    }

    @Sendable func delete(request: Request) async throws -> Response {
        try request.require(scope: "admin")
        let subscription = try await Self.subscription(request)
        try await subscription.delete(on: request.db)
        return Response(status: .noContent)
    }

    @Sendable func deliveries(request: Request) async throws -> DeliveriesResponse {
        try request.require(scope: "admin")
        let subscription = try await Self.subscription(request)
        let rows = try await WebhookDelivery.query(on: request.db).filter(\.$subscription.$id == subscription.requireID())
            .with(\.$event).sort(\.$createdAt, .descending).limit(200).all()
        return DeliveriesResponse(deliveries: try rows.map(DeliveryDTO.init))
    }

    @Sendable func redeliver(request: Request) async throws -> Response {
        try request.require(scope: "admin")
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let delivery = try await WebhookDelivery.query(on: request.db).filter(\.$id == id).with(\.$event).first() else {
            throw APIError(.notFound, "no such delivery")
        }
        delivery.state = .pending
        try await delivery.save(on: request.db)
        let job = try await JobStore.enqueue(WebhookDeliveryJob.job(deliveryID: id), on: request.db)
        let response = Response(status: .accepted)
        try response.content.encode(RedeliveryResponse(jobId: job.id, delivery: try DeliveryDTO(delivery)), as: .json)
        return response
    }

    private static func subscription(_ request: Request) async throws -> WebhookSubscription {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError.invalid("id", "must be a webhook id (UUID)") }
        guard let subscription = try await WebhookSubscription.find(id, on: request.db) else { throw APIError(.notFound, "no webhook \(id)") }
        return subscription
    }
}
