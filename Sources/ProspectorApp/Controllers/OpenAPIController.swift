import Foundation
import Vapor

/// `GET /openapi.json`: the OpenAPI 3.1 document of every route (no key needed).
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    @Sendable func document(request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(OpenAPIDocument.document)))
    }
}
