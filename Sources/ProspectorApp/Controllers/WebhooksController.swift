import Foundation
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
        try request.require(scope: .admin)
        let body = try JSONBody.decode(CreateWebhookBody.self, from: request)
        let (subscription, secret) = try await request.appServices.webhookSubscriptions.create(
            url: body.url, eventTypes: body.eventTypes, secret: body.secret)
        let response = Response(status: .created)
        try response.content.encode(CreatedWebhookResponse(webhook: try WebhookDTO(subscription), secret: secret), as: .json)
        return response
    }

    @Sendable func list(request: Request) async throws -> WebhooksResponse {
        try request.require(scope: .admin)
        return WebhooksResponse(webhooks: try await request.appServices.webhookSubscriptions.list().map(WebhookDTO.init))
    }

    @Sendable func delete(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        try await request.appServices.webhookSubscriptions.delete(try request.uuidParameter("a webhook id"))
        return Response(status: .noContent)
    }

    @Sendable func deliveries(request: Request) async throws -> DeliveriesResponse {
        try request.require(scope: .admin)
        return DeliveriesResponse(
            deliveries: try await request.appServices.webhookSubscriptions.deliveries(of: try request.uuidParameter("a webhook id")).map(
                DeliveryDTO.init))
    }

    @Sendable func redeliver(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError(.notFound, "no such delivery") }
        let (jobID, delivery) = try await request.appServices.webhookSubscriptions.redeliver(id)
        let response = Response(status: .accepted)
        try response.content.encode(RedeliveryResponse(jobId: jobID, delivery: try DeliveryDTO(delivery)), as: .json)
        return response
    }
}
