import ApolloIOClient
import DatabaseSupport
import Fluent
import ProspectorServices
import Synchronization
import Vapor

/// Turns every failure into the error envelope with its stable code; nothing escapes as a bare 500. An unknown
/// path answers 404, a known path with another method 405 (with `Allow`).
struct APIErrorMiddleware: Middleware {
    let routes: Routes
    private let shadowed = ShadowedPaths()

    init(routes: Routes) {
        self.routes = routes
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // A literal path's other methods would reach a parameter route beside it (PATCH /api/deals/stages → PATCH
        // /api/deals/:id): they are not the literal path's, so they are refused as the document says.
        if let allowed = shadowed.methods(of: request.url.path, in: routes), !allowed.contains(request.method.rawValue) {
            let refusal = APIError(
                .methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.url.path)",
                details: ["allowed": allowed.sorted().joined(separator: ", ")])
            return request.eventLoop.makeCompletedFuture { try recover(from: refusal, request: request) }
        }
        return next.respond(to: request).flatMapErrorThrowing { error in try recover(from: error, request: request) }
    }

    /// The envelope answering `error`, logged by route, status, error type and request id (in the logger's metadata);
    /// never a body or an upstream message, which can carry the personal data a request was about.
    private func recover(from error: any Error, request: Request) throws -> Response {
        let apiError = classify(error, request: request)
        let metadata: Logger.Metadata = [
            "route": "\(request.method) \(RequestLogMiddleware.loggable(request.url.path))", "status": "\(apiError.code.status.code)",
            "code": "\(apiError.code.rawValue)", "error": "\(Self.loggable(error))",
        ]
        if apiError.code == .internal {
            request.logger.error("unhandled error", metadata: metadata)
        } else if apiError.code.status.code >= 500 {
            request.logger.warning("request failed", metadata: metadata)
        }
        return try response(for: apiError, request: request)
    }

    /// An error as a log line may show it: Apollo's errors by kind and status, others by type.
    static func loggable(_ error: any Error) -> String {
        if let apollo = error as? ApolloError { return apollo.logSummary }
        return String(reflecting: type(of: error))
    }

    /// The envelope of `error` as a response (status, body, `Retry-After`, `Allow`).
    func response(for error: APIError, request: Request) throws -> Response {
        let response = Response(status: error.code.status)
        try response.content.encode(
            ErrorEnvelope(
                code: error.code.rawValue, message: error.message, requestID: request.requestID,
                details: error.details), as: .json)
        if let retryAfter = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(max(retryAfter, 1))) }
        if error.code == .methodNotAllowed, let allowed = error.details["allowed"] { response.headers.replaceOrAdd(name: .allow, value: allowed) }
        return response
    }

    /// What `error` means to an API caller.
    func classify(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ApolloError: return .apollo(error)
        case let error as RevealError: return .reveal(error)
        case let error as ServiceError: return .service(error)
        case let error as DecodingError: return JSONBody.describe(error)
        case let error as any DatabaseError where error.isConstraintFailure:
            return APIError(.conflict, "the change conflicts with a record that exists (a unique value is taken)")
        case is any DatabaseError, is DatabaseConnectionClosed:
            return APIError(.databaseUnavailable, "the database is busy or unreachable; retry shortly", retryAfter: 1)
        case let abort as any AbortError: return classify(abort, request: request)
        default: return APIError(.internal, "something went wrong on our side; the request id identifies it in the log")
        }
    }

    private func classify(_ abort: any AbortError, request: Request) -> APIError {
        switch abort.status {
        case .notFound:
            let allowed = RouteTable.methods(matching: request.url.path, in: routes)
            if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                return APIError(
                    .methodNotAllowed, "\(request.method.rawValue) is not allowed on \(request.url.path)",
                    details: ["allowed": allowed.sorted().joined(separator: ", ")])
            }
            return APIError(.notFound, "no route or record at \(request.method.rawValue) \(request.url.path)")
        case .payloadTooLarge: return APIError(.payloadTooLarge, "the body is larger than the limit of this route")
        case .unsupportedMediaType: return APIError(.unsupportedMediaType, "send the body as application/json")
        case .unauthorized: return APIError(.unauthorized, abort.reason)
        case .forbidden: return APIError(.forbidden, abort.reason)
        case .conflict: return APIError(.conflict, abort.reason)
        case .methodNotAllowed: return APIError(.methodNotAllowed, abort.reason)
        case let status where status.code >= 400 && status.code < 500: return APIError(.invalidRequest, abort.reason)
        default: return APIError(.internal, "something went wrong on our side; the request id identifies it in the log")
        }
    }
}

/// The literal paths that a parameter route beside them would also answer with other methods, and their own methods;
/// computed once, on the first request (the routes are complete by then).
final class ShadowedPaths: Sendable {
    private let table = Mutex<[String: Set<String>]?>(nil)

    func methods(of path: String, in routes: Routes) -> Set<String>? {
        table.withLock { table in
            if table == nil { table = Self.build(routes) }
            return table?[path]
        }
    }

    private static func build(_ routes: Routes) -> [String: Set<String>] {
        var shadowed: [String: Set<String>] = [:]
        for route in routes.all where route.path.allSatisfy({ if case .constant = $0 { true } else { false } }) {
            let path = "/" + route.path.map(\.description).joined(separator: "/")
            let own = RouteTable.methods(matching: path, in: routes)
            let parts = path.split(separator: "/").map(String.init)
            let all = Set(routes.all.filter { RouteTable.matches($0.path, parts) }.map(\.method.rawValue))
            if all != own { shadowed[path] = own }
        }
        return shadowed
    }
}

/// Which methods the registered routes accept for a path.
enum RouteTable {
    /// The methods of the most specific routes matching `path`: a literal segment (`/api/deals/stages`) wins over a
    /// parameter (`/api/deals/:id`) at the same place, so a literal path's methods are its own, not its shadow's.
    static func methods(matching path: String, in routes: Routes) -> Set<String> {
        let parts = path.split(separator: "/").map(String.init)
        let matching = routes.all.filter { matches($0.path, parts) }
        guard let best = matching.map({ specificity($0.path) }).max(by: isLessSpecific) else { return [] }
        return Set(matching.filter { specificity($0.path) == best }.map(\.method.rawValue))
    }

    /// One flag per segment: whether it is literal.
    private static func specificity(_ pattern: [PathComponent]) -> [Bool] {
        pattern.map { if case .constant = $0 { true } else { false } }
    }

    /// The first segment where they differ decides: a parameter there is less specific than a literal.
    private static func isLessSpecific(_ left: [Bool], _ right: [Bool]) -> Bool {
        for (a, b) in zip(left, right) where a != b { return !a }
        return left.count < right.count
    }

    static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return parts.count >= index
            case .anything, .parameter: if index >= parts.count { return false }
            case .constant(let value): if index >= parts.count || parts[index] != value { return false }
            }
        }
        return pattern.count == parts.count
    }
}
