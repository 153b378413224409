import Vapor

/// `GET /metrics` in Prometheus' text format: open, or behind `Authorization: Bearer <METRICS_TOKEN>` when one is set.
struct MetricsController: RouteCollection {
    let token: String?

    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable func metrics(request: Request) async throws -> Response {
        if let token, request.headers.bearerAuthorization?.token != token {
            throw APIError(.unauthorized, "metrics need Authorization: Bearer <METRICS_TOKEN>")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(ProspectorMetrics.registry.emitToBuffer())))
    }
}
