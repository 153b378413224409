import ApolloIOClient
import ProspectorData
import ProspectorServices
import Vapor

/// `Authorization: Bearer <key>` on everything under `/api`: a missing, unknown or revoked key is 401. The rest of
/// the request runs as an interactive Apollo caller attributed to the key (rate-limit share, credit budgets).
struct APIKeyAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token else {
            throw APIError(.unauthorized, "send Authorization: Bearer <API key>")
        }
        guard let key = try await request.appServices.keys.verify(token) else {
            throw APIError(.unauthorized, "the API key is unknown or revoked")
        }
        request.authenticate(key)
        return try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: key.id?.uuidString)) {
            try await next.respond(to: request)
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
