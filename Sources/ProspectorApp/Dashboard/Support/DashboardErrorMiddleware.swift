import Vapor

/// A dashboard failure as a page: the same classification, status and code as the API's error envelope
/// (``APIErrorMiddleware``), shown in HTML with a way back, never a stack trace.
struct DashboardErrorMiddleware: AsyncMiddleware {
    struct ErrorPage: Encodable {
        var title: String
        var status: Int
        var code: String
        var message: String
        var requestID: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let classifier = APIErrorMiddleware(routes: request.application.routes)
            let apiError = classifier.classify(error, request: request)
            if apiError.code.status.code >= 500 {
                request.logger.warning(
                    "dashboard request failed",
                    metadata: ["code": "\(apiError.code.rawValue)", "error": "\(APIErrorMiddleware.loggable(error))"])
            }
            let page = ErrorPage(
                title: apiError.code.status.reasonPhrase, status: Int(apiError.code.status.code), code: apiError.code.rawValue,
                message: apiError.message, requestID: request.requestID)
            let response = try await request.page("error", page, status: apiError.code.status)
            if let retryAfter = apiError.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(max(retryAfter, 1))) }
            return response
        }
    }
}
