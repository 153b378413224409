import Fluent
import ProspectorServices
import Synchronization
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
        storage[EventLoopDatabasesKey.self] = EventLoopDatabases()
    }

    private struct EventLoopDatabasesKey: StorageKey {
        typealias Value = EventLoopDatabases
    }

    /// The default database's handle for `eventLoop`, made once per loop and kept: Fluent's `request.db` makes a new
    /// one per request, which was 6 % of a cached read's CPU (the HTTP benchmark). It logs with the application's
    /// logger, so SQL debug lines carry no request id.
    func database(on eventLoop: any EventLoop) -> any Database {
        let make = { self.databases.database(logger: self.logger, on: eventLoop) ?? self.db }
        return storage[EventLoopDatabasesKey.self]?.handle(for: eventLoop, make: make) ?? make()
    }
}

/// Database handles by event loop (see ``Application/database(on:)``).
private final class EventLoopDatabases: Sendable {
    private let handles = Mutex<[ObjectIdentifier: any Database]>([:])

    func handle(for eventLoop: any EventLoop, make: () -> any Database) -> any Database {
        handles.withLock { handles in
            if let handle = handles[ObjectIdentifier(eventLoop)] { return handle }
            let handle = make()
            handles[ObjectIdentifier(eventLoop)] = handle
            return handle
        }
    }
}

extension Request {
    /// The services on the database handle of this request's event loop (that loop's pool).
    var appServices: AppServices {
        get throws { try application.appServices.on(application.database(on: eventLoop)) }
    }

    /// The audit actor of this request: its API key and request id.
    func auditActor() throws -> AuditActor {
        guard let id = apiKey?.id else { throw APIError(.unauthorized, "send Authorization: Bearer <API key>") }
        return .apiKey(id.uuidString, requestID: requestID)
    }
}
