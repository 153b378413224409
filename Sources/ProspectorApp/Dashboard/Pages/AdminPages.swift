import Foundation
import ProspectorData
import ProspectorServices

/// Sync: each object's last run, and a form to run one now.
struct SyncPage: Encodable {
    struct Row: Encodable {
        var object: String
        var lastRunAt: String
        var status: String
        var watermark: String
        var counts: String
        var lastError: String?
        var running: Bool
        var resumable: Bool
    }

    var chrome: PageChrome
    var objects: [Row]

    init(chrome: PageChrome, statuses: [SyncStatus]) {
        self.chrome = chrome
        objects = statuses.map { status in
            Row(
                object: status.object.rawValue, lastRunAt: DashboardFormat.time(status.lastRunAt), status: status.lastStatus ?? "never run",
                watermark: DashboardFormat.time(status.watermark), counts: status.counts ?? "—", lastError: status.lastError,
                running: status.running, resumable: status.resumable)
        }
    }
}

/// Webhooks: subscriptions and, for a chosen one, its latest deliveries.
struct WebhooksPage: Encodable {
    struct Subscription: Encodable {
        var id: String
        var url: String
        var events: String
        var active: Bool
        var disabledReason: String?
    }

    struct Delivery: Encodable {
        var id: String
        var state: String
        var attempts: Int
        var responseCode: String
        var lastError: String?
        var createdAt: String
    }

    var chrome: PageChrome
    var subscriptions: [Subscription]
    var selected: String?
    var deliveries: [Delivery]

    /// The page with the newest 100 deliveries of `selected`.
    static func load(
        chrome: PageChrome, service: WebhookSubscriptionService, subscriptions: [WebhookSubscription], selected: UUID?
    ) async throws -> WebhooksPage {
        let deliveries = if let selected { Array(try await service.deliveries(of: selected).prefix(100)) } else { [WebhookDelivery]() }
        return WebhooksPage(chrome: chrome, subscriptions: subscriptions, selected: selected, deliveries: deliveries)
    }

    init(chrome: PageChrome, subscriptions: [WebhookSubscription], selected: UUID?, deliveries: [WebhookDelivery]) {
        self.chrome = chrome
        self.subscriptions = subscriptions.map {
            Subscription(
                id: $0.id?.uuidString ?? "", url: $0.url, events: $0.eventTypes.joined(separator: ", "), active: $0.active,
                disabledReason: $0.disabledReason)
        }
        self.selected = selected?.uuidString
        self.deliveries = deliveries.map {
            Delivery(
                id: $0.id?.uuidString ?? "", state: $0.state.rawValue, attempts: $0.attempts, responseCode: $0.responseCode.map(String.init) ?? "—",
                lastError: $0.lastError, createdAt: DashboardFormat.time($0.createdAt))
        }
    }
}

/// The audit log, newest first, filterable by action and entity.
struct AuditPage: Encodable {
    struct Row: Encodable {
        var at: String
        var action: String
        var entity: String
        var actor: String
        var requestID: String
    }

    var chrome: PageChrome
    var action: String
    var entityType: String
    var entries: [Row]

    init(chrome: PageChrome, filter: AuditFilter, entries: [AuditLog]) {
        self.chrome = chrome
        action = filter.action ?? ""
        entityType = filter.entityType ?? ""
        self.entries = entries.map {
            Row(
                at: DashboardFormat.time($0.occurredAt), action: $0.action, entity: "\($0.entityType) \($0.entityID)",
                actor: [$0.actorType.rawValue, $0.actorID].compactMap { $0 }.joined(separator: " "), requestID: $0.requestID ?? "—")
        }
    }
}

/// API keys: the list, a creation form, and a new key's secret shown once.
struct KeysPage: Encodable {
    struct Row: Encodable {
        var id: String
        var name: String
        var prefix: String
        var scopes: String
        var createdAt: String
        var lastUsedAt: String
        var revoked: Bool
    }

    var chrome: PageChrome
    var scopes: [String]
    var keys: [Row]
    var created: String?
    var createdName: String?

    init(chrome: PageChrome, keys: [APIKey], created: (name: String, plaintext: String)? = nil) {
        self.chrome = chrome
        scopes = APIScope.allCases.map(\.rawValue)
        self.keys = keys.map {
            Row(
                id: $0.id?.uuidString ?? "", name: $0.name, prefix: $0.prefix, scopes: $0.scopes.joined(separator: ", "),
                createdAt: DashboardFormat.time($0.createdAt), lastUsedAt: DashboardFormat.time($0.lastUsedAt), revoked: !$0.isActive)
        }
        self.created = created?.plaintext
        self.createdName = created?.name
    }
}
