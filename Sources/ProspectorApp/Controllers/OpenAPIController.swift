import Foundation
import OpenAPIKit
import Vapor

/// `GET /openapi.json`: the OpenAPI 3.1 document of every route (no key needed).
struct OpenAPIController: RouteCollection {
    /// Encoded once: the document does not change while the process runs (it differs only by the jobs' backend).
    private static let body = encode(OpenAPIDocument.document)
    private static let redisBody = encode(OpenAPIDocument.redisDocument)

    private static func encode(_ document: OpenAPI.Document) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    @Sendable func document(request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: (try? request.appServices.jobsRedis) == nil ? Self.body : Self.redisBody))
    }
}
