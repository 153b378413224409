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

    var deals: DealService {
        get throws { DealService(client: try apolloRuntime.client, database: db) }
    }
}
