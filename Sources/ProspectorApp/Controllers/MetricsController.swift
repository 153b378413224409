import Vapor

/// `GET /metrics` in Prometheus' text format: open, or behind `Authorization: Bearer <METRICS_TOKEN>` when one is set.
struct MetricsController: RouteCollection {
    let token: String?

    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable func metrics(request: Request) async throws -> Response {
        if let token, request.headers.bearerAuthorization?.token != token {
            let response = Response(status: .unauthorized)
            try response.content.encode(ErrorEnvelope(code: "unauthorized", message: "metrics need Authorization: Bearer <METRICS_TOKEN>",
                                                      requestID: request.id), as: .json)
            return response
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(ProspectorMetrics.registry.emitToBuffer())))
    }
}

/// The error body of DESIGN.md: `{"error": {"code", "message", "requestId", "details"}}`.
struct ErrorEnvelope: Content {
    struct Body: Content {
        var code: String
        var message: String
        var requestId: String
    }

    var error: Body

    init(code: String, message: String, requestID: String) {
        error = Body(code: code, message: message, requestId: requestID)
    }
}
