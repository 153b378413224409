import Fluent
import ProspectorServices
import Vapor

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = AppServices
    }

    /// The services of this process, set by the composition root (``Boot``).
    public var appServices: AppServices {
        get throws {
            guard let services = storage[ServicesKey.self] else { throw ServiceError.apolloNotStarted }
            return services
        }
    }

    func setServices(_ services: AppServices) {
        storage[ServicesKey.self] = services
    }
}

extension Request {
    /// The services on this request's database handle (its event loop's pool).
    var appServices: AppServices {
        get throws { try application.appServices.on(db) }
    }

    /// The audit actor of this request: its API key and request id.
    func auditActor() throws -> AuditActor {
        guard let id = apiKey?.id else { throw APIError(.unauthorized, "send Authorization: Bearer <API key>") }
        return .apiKey(id.uuidString, requestID: requestID)
    }
}
