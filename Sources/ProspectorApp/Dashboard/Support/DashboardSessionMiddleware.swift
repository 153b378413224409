import ApolloIOClient
import ProspectorServices
import Vapor

/// Signs a dashboard request in from its session cookie, or sends the browser to the sign-in page. Every form post
/// must carry the session's CSRF token (a synchronizer token, compared in constant time); without it the post is
/// refused with 403 before anything runs.
struct DashboardSessionMiddleware: AsyncMiddleware {
    static let cookieName = "prospector_session"
    static let csrfField = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[Self.cookieName]?.string,
            let signIn = try await request.appServices.dashboardSessions.current(token: token)
        else {
            if request.method == .GET { return request.redirect(to: "/sign-in?next=\(Self.returnPath(request))") }
            throw APIError(.unauthorized, "sign in again: the session is missing or has expired")
        }
        if request.method == .POST {
            let sent = (try? request.content.get(String.self, at: Self.csrfField)) ?? ""
            guard DashboardSessions.sameToken(sent, signIn.csrfToken) else {
                throw APIError(.forbidden, "the form's CSRF token is missing or wrong; reload the page and try again")
            }
        }
        request.authenticate(signIn.key)
        request.storage[SignInKey.self] = signIn
        return try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: signIn.key.id?.uuidString)) {
            try await next.respond(to: request)
        }
    }

    /// The page to come back to after signing in: this request's own path and query, never another site.
    static func returnPath(_ request: Request) -> String {
        let path = request.url.string
        let safe = path.hasPrefix("/") && !path.hasPrefix("//") ? path : "/"
        return safe.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }
}

private struct SignInKey: StorageKey {
    typealias Value = DashboardSignIn
}

extension Request {
    /// The dashboard sign-in of this request (set by ``DashboardSessionMiddleware``).
    var dashboardSignIn: DashboardSignIn? { storage[SignInKey.self] }
}
