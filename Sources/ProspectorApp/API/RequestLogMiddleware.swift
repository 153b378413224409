import ProspectorServices
import Vapor

/// Logs each request's method and path, like Vapor's route logging, except that a reveal's callback token (the
/// only credential of `POST /webhooks/apollo/:token`) never reaches the log.
struct RequestLogMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        request.logger.info("\(request.method) \(Self.loggable(request.url.path))")
        return next.respond(to: request)
    }

    static func loggable(_ path: String) -> String {
        path.hasPrefix(PhoneRevealService.callbackPath + "/") ? PhoneRevealService.callbackPath + "/[token]" : path
    }
}
