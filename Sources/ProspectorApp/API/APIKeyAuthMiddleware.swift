import ApolloIOClient
import ProspectorData
import ProspectorServices
import Vapor

/// `Authorization: Bearer <key>` on everything under `/api`: a missing, unknown or revoked key is 401. The rest of
/// the request runs as an interactive Apollo caller attributed to the key (rate-limit share, credit budgets).
struct APIKeyAuthMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let token = request.headers.bearerAuthorization?.token else {
            return request.eventLoop.makeFailedFuture(APIError(.unauthorized, "send Authorization: Bearer <API key>"))
        }
        let services: AppServices
        do { services = try request.application.appServices } catch { return request.eventLoop.makeFailedFuture(error) }
        // A key verified a moment ago is answered on the event loop, without a database handle; only a read of
        // `api_keys` needs a task (and the request's database).
        if let key = services.keys.recentlyVerified(token) { return proceed(as: key, request: request, next: next) }
        return request.eventLoop.makeFutureWithTask { try await request.appServices.keys.verifyNow(token) }.flatMap { key in
            guard let key else { return request.eventLoop.makeFailedFuture(APIError(.unauthorized, "the API key is unknown or revoked")) }
            return proceed(as: key, request: request, next: next)
        }
    }

    /// The rest of the chain, as an interactive Apollo caller attributed to `key`: the route's task (started within
    /// this scope) inherits the context.
    private func proceed(as key: APIKey, request: Request, next: any Responder) -> EventLoopFuture<Response> {
        request.authenticate(key)
        return ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: key.id?.uuidString)) {
            next.respond(to: request)
        }
    }
}

private struct AuthenticatedKey: StorageKey {
    typealias Value = APIKey
}

extension Request {
    /// The API key of an authenticated request.
    var apiKey: APIKey? { storage[AuthenticatedKey.self] }

    /// Marks the request as made with `key` (the dashboard's session signs requests in this way).
    func authenticate(_ key: APIKey) {
        storage[AuthenticatedKey.self] = key
        logger[metadataKey: "api-key"] = .string(key.prefix)
    }

    /// The caller's key id, when it holds `scope`; a key without it is 403.
    @discardableResult
    func require(scope: APIScope) throws -> String {
        guard let key = apiKey, let id = key.id else { throw APIError(.unauthorized, "send Authorization: Bearer <API key>") }
        guard key.holds(scope) else {
            throw APIError(.forbidden, "this API key lacks the '\(scope.rawValue)' scope", details: ["requiredScope": scope.rawValue])
        }
        return id.uuidString
    }
}
