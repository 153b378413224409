import Leaf
import ProspectorServices
import Vapor

/// What every signed-in page shows around its content: the navigation, who is signed in, what they may do, the
/// form token, and the notice of the action just done.
struct PageChrome: Encodable {
    var title: String
    var section: String
    var keyName: String
    var canWrite: Bool
    var isAdmin: Bool
    var csrf: String
    var notice: String?
    var sandbox: Bool
}

/// The notices an action's redirect may ask for (`?done=`); anything else shows none, so a link cannot make the
/// dashboard say something it did not do.
enum DashboardNotice: String {
    case moved, retried, cancelled
    case syncRequested = "sync-requested"
    case revoked, redelivered

    var text: String {
        switch self {
        case .moved: "The deal was moved in Apollo."
        case .retried: "The job was queued again."
        case .cancelled: "The job was cancelled (a running one stops at its next check)."
        case .syncRequested: "A sync run was queued."
        case .revoked: "The key was revoked; its sessions end now."
        case .redelivered: "The delivery was queued again."
        }
    }
}

extension Request {
    /// The chrome of a page in `section` for the signed-in key.
    func chrome(_ title: String, section: String) throws -> PageChrome {
        guard let signIn = dashboardSignIn else { throw APIError(.unauthorized, "sign in to see the dashboard") }
        return PageChrome(
            title: title, section: section, keyName: signIn.key.name, canWrite: signIn.key.holds(.write), isAdmin: signIn.key.holds(.admin),
            csrf: signIn.csrfToken, notice: query[String.self, at: "done"].flatMap(DashboardNotice.init(rawValue:))?.text,
            sandbox: application.apollo?.mode == .sandbox)
    }

    /// Renders a template as an HTML page that no cache keeps and no other site may frame or script.
    func page(_ template: String, _ context: some Encodable & Sendable, status: HTTPStatus = .ok) async throws -> Response {
        let view = try await self.view.render(template, context)
        let response = try await view.encodeResponse(status: status, for: self)
        DashboardPage.secure(&response.headers)
        return response
    }
}

/// Headers every dashboard response carries.
enum DashboardPage {
    /// Nothing outside the process is fetched (no CDN), nothing inline runs, no other site frames the pages.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func secure(_ headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    }
}
