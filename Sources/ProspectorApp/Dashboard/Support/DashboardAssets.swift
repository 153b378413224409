import Foundation
import Vapor

/// The dashboard's stylesheet and script, read once from the module's resources and served from the process
/// itself (no CDN, no build step).
struct DashboardAssets: RouteCollection {
    /// Where the templates and assets were installed with the module.
    static var resourceDirectory: String {
        Bundle.module.resourceURL?.path ?? FileManager.default.currentDirectoryPath
    }

    private static let files: [String: (body: String, type: HTTPMediaType)] = {
        var files: [String: (String, HTTPMediaType)] = [:]
        for (name, type) in [
            ("dashboard.css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
            ("dashboard.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
        ] {
            let path = URL(fileURLWithPath: resourceDirectory).appendingPathComponent("Assets").appendingPathComponent(name)
            files[name] = ((try? String(contentsOf: path, encoding: .utf8)) ?? "", type)
        }
        return files
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.get("assets", ":name", use: asset)
    }

    @Sendable func asset(request: Request) throws -> Response {
        guard let name = request.parameters.get("name"), let file = Self.files[name], !file.body.isEmpty else {
            throw APIError(.notFound, "no such asset")
        }
        let response = Response(status: .ok, body: .init(string: file.body))
        response.headers.contentType = file.type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
