import Foundation
import ProspectorServices
import Vapor

/// Sync (read; a run needs write), the audit log (read), webhooks and API keys (admin): creating a key shows its
/// secret once, on the page that answers the form; revoking one ends its sessions.
struct AdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sync", use: sync)
        routes.post("sync", ":object", "run", use: runSync)
        routes.get("audit", use: audit)
        routes.get("webhooks", use: webhooks)
        routes.post("webhooks", "deliveries", ":id", "redeliver", use: redeliver)
        routes.get("keys", use: keys)
        routes.post("keys", use: createKey)
        routes.post("keys", ":id", "revoke", use: revokeKey)
    }

    @Sendable func sync(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let page = SyncPage(chrome: try request.chrome("Sync", section: "sync"), statuses: try await request.appServices.syncStatus.statuses())
        return try await request.page("sync", page)
    }

    @Sendable func runSync(request: Request) async throws -> Response {
        try request.require(scope: .write)
        guard let object = request.parameters.get("object").flatMap(SyncObject.init(rawValue:)) else {
            throw APIError.invalid("object", "must be one of \(SyncObject.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        _ = try await request.appServices.syncStatus.requestRun(object, full: (try? request.content.get(String.self, at: "full")) == "on")
        return request.redirect(to: "/sync?done=sync-requested")
    }

    @Sendable func audit(request: Request) async throws -> Response {
        try request.require(scope: .read)
        func text(_ name: String) -> String? { request.query[String.self, at: name].flatMap { $0.isEmpty ? nil : String($0.prefix(100)) } }
        let filter = AuditFilter(entityType: text("entityType"), action: text("action"))
        let entries = try await request.appServices.audit.entries(filter, limit: 200)
        return try await request.page("audit", AuditPage(chrome: try request.chrome("Audit log", section: "audit"), filter: filter, entries: entries))
    }

    @Sendable func webhooks(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        let service = try request.appServices.webhookSubscriptions
        let subscriptions = try await service.list()
        let selected = request.query[String.self, at: "subscription"].flatMap(UUID.init(uuidString:)) ?? subscriptions.first?.id
        let page = try await WebhooksPage.load(
            chrome: try request.chrome("Webhooks", section: "webhooks"), service: service, subscriptions: subscriptions, selected: selected)
        return try await request.page("webhooks", page)
    }

    @Sendable func redeliver(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        let (_, delivery) = try await request.appServices.webhookSubscriptions.redeliver(try request.uuidParameter("a delivery id"))
        return request.redirect(to: "/webhooks?subscription=\(delivery.$subscription.id.uuidString)&done=redelivered")
    }

    @Sendable func keys(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        return try await request.page(
            "keys", KeysPage(chrome: try request.chrome("API keys", section: "keys"), keys: try await request.appServices.keys.list()))
    }

    @Sendable func createKey(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        struct Form: Content {
            var name: String?
            var scopes: [String]?
        }
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let body = CreateKeyBody(name: (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines), scopes: form.scopes ?? [])
        try body.validate()
        let services = try request.appServices
        let (_, plaintext) = try await services.keys.create(name: body.name, scopes: body.apiScopes, actor: request.auditActor())
        let page = KeysPage(
            chrome: try request.chrome("API keys", section: "keys"), keys: try await services.keys.list(), created: (body.name, plaintext))
        return try await request.page("keys", page, status: .created)
    }

    @Sendable func revokeKey(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        _ = try await request.appServices.keys.revoke(try request.uuidParameter("a key id"), actor: request.auditActor())
        return request.redirect(to: "/keys?done=revoked")
    }
}
