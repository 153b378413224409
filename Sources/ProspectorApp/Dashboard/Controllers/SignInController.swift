import ProspectorServices
import Vapor

/// `GET/POST /sign-in` and `POST /sign-out`: a session from an API key. The sign-in form is protected from
/// cross-site posts by a double-submit token (a cookie and a field that must match); the session cookie is HttpOnly,
/// SameSite=Strict, and Secure when the dashboard is served over HTTPS.
struct SignInController: RouteCollection {
    static let formCookie = "prospector_signin"

    struct SignInPage: Encodable {
        var title = "Sign in"
        var csrf: String
        var next: String
        var problem: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: form)
        routes.post("sign-in", use: signIn)
    }

    /// `POST /sign-out`, registered behind the session middleware (its CSRF check included).
    static func signOut(request: Request) async throws -> Response {
        if let token = request.cookies[DashboardSessionMiddleware.cookieName]?.string {
            try await request.appServices.dashboardSessions.signOut(token: token)
        }
        let response = request.redirect(to: "/sign-in")
        response.cookies[DashboardSessionMiddleware.cookieName] = expired(request)
        return response
    }

    @Sendable func form(request: Request) async throws -> Response {
        try await page(request, problem: nil, status: .ok)
    }

    @Sendable func signIn(request: Request) async throws -> Response {
        struct Form: Content {
            var apiKey: String?
            var next: String?
            var _csrf: String?
        }
        let submitted = (try? request.content.decode(Form.self)) ?? Form()
        guard let expected = request.cookies[Self.formCookie]?.string, let sent = submitted._csrf,
            DashboardSessions.sameToken(sent, expected)
        else { throw APIError(.forbidden, "the sign-in form's CSRF token is missing or wrong; reload the page and try again") }
        let key = (submitted.apiKey ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty, let (token, signIn) = try await request.appServices.dashboardSessions.signIn(apiKey: key, requestID: request.requestID)
        else { return try await page(request, problem: "That API key is unknown or revoked.", status: .unauthorized) }
        let response = request.redirect(to: Self.safeNext(submitted.next))
        response.cookies[DashboardSessionMiddleware.cookieName] = HTTPCookies.Value(
            string: token, expires: signIn.expiresAt, maxAge: Int(signIn.expiresAt.timeIntervalSinceNow), path: "/",
            isSecure: Self.isSecure(request), isHTTPOnly: true, sameSite: .strict)
        response.cookies[Self.formCookie] = Self.expired(request)
        return response
    }

    private func page(_ request: Request, problem: String?, status: HTTPStatus) async throws -> Response {
        let token = DashboardSessions.randomToken()
        let next = Self.safeNext(request.query[String.self, at: "next"] ?? (try? request.content.get(String.self, at: "next")))
        let response = try await request.page("sign-in", SignInPage(csrf: token, next: next, problem: problem), status: status)
        response.cookies[Self.formCookie] = HTTPCookies.Value(
            string: token, maxAge: 3_600, path: "/", isSecure: Self.isSecure(request), isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// A path on this site to return to; anything else (another host, a scheme) goes to the overview.
    static func safeNext(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"), !value.hasPrefix("/sign-"),
            value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return "/" }
        return value
    }

    /// HTTPS as this request arrived (directly or through a proxy that says so), or as `PUBLIC_BASE_URL` says.
    static func isSecure(_ request: Request) -> Bool {
        request.url.scheme == "https" || request.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
            || request.application.prospectorConfiguration.publicBaseURL?.lowercased().hasPrefix("https://") == true
    }

    static func expired(_ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: isSecure(request), isHTTPOnly: true,
            sameSite: .strict)
    }
}
