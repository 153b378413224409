import ApolloIOClient
import ProspectorServices
import Vapor

extension Request {
    /// The running Apollo runtime (started by `serve`, or by the test harness).
    var apolloRuntime: ApolloRuntime {
        get throws {
            guard let runtime = application.apollo else { throw APIError(.apolloUnavailable, "the Apollo runtime is not started") }
            return runtime
        }
    }

    /// The audit actor of this request: its API key and request id.
    func auditActor() throws -> AuditActor {
        guard let id = apiKey?.id else { throw APIError(.unauthorized, "send Authorization: Bearer <API key>") }
        return .apiKey(id.uuidString, requestID: requestID)
    }

    var leads: LeadService {
        get throws {
            let runtime = try apolloRuntime
            return LeadService(client: runtime.client, enricher: runtime.enricher, database: db)
        }
    }

    var organizations: OrganizationService {
        get throws { OrganizationService(client: try apolloRuntime.client, database: db) }
    }

    var reveals: PhoneRevealService {
        get throws {
            PhoneRevealService(client: try apolloRuntime.client, database: db, publicBaseURL: application.callbackBaseURL,
                               pollAfterSeconds: application.prospectorConfiguration.revealPollAfterSeconds)
        }
    }

    var revealDelivery: RevealDelivery {
        get throws { RevealDelivery(client: try apolloRuntime.client, database: db) }
    }

    var deals: DealService {
        get throws { DealService(client: try apolloRuntime.client, database: db) }
    }
}

extension Application {
    /// Where Apollo posts reveal results: `PUBLIC_BASE_URL`, else the address this server listens on (the built-in
    /// simulator reaches it; the real Apollo does not, and the poll takes the result instead).
    var callbackBaseURL: String {
        if let configured = prospectorConfiguration.publicBaseURL { return configured }
        let hostname = http.server.configuration.hostname
        let host = ["0.0.0.0", "::", ""].contains(hostname) ? "127.0.0.1" : hostname.contains(":") ? "[\(hostname)]" : hostname
        return "http://\(host):\(http.server.shared.localAddress?.port ?? http.server.configuration.port)"
    }
}
