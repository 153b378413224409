import Foundation
import OpenAPIKit
import ProspectorApp
import TestSupport
import Testing
import Vapor

/// The served OpenAPI document and the routes the app registers agree, and every reference in it resolves.
@Suite struct OpenAPIDocumentTests {
    @Test func documentAndRegisteredRoutes_agree() async throws {
        try await APIHarness.withApp { api in
            let response = try await api.send("GET", "/openapi.json", key: nil)
            #expect(response.status == 200)
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            // The dashboard's pages are HTML for browsers, not API operations (docs/dashboard.md).
            let registered = Set(
                api.app.routes.all.filter { $0.userInfo[DashboardRoutes.marker] == nil }.map { route in
                    let path =
                        "/"
                        + route.path.map { component in
                            switch component {
                            case .parameter(let name): "{\(name)}"
                            default: component.description
                            }
                        }.joined(separator: "/")
                    return "\(route.method.rawValue) \(path)"
                })
            #expect(
                documented == registered,
                "only documented: \(documented.subtracting(registered).sorted()); only registered: \(registered.subtracting(documented).sorted())")

            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let references = Set(
                response.body.components(separatedBy: "\"$ref\":\"#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) })
            #expect(!references.isEmpty && references.isSubset(of: Set(schemas.keys)), "unresolved: \(references.subtracting(schemas.keys))")
            // Every /api operation documents the error envelope for its failures, and its security.
            for (path, operations) in paths where path.hasPrefix("/api") {
                for (method, operation) in operations {
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    #expect(["400", "401", "403", "404", "429", "503"].allSatisfy { responses[$0] != nil }, "\(method) \(path)")
                    #expect((operation as? [String: Any])?["security"] != nil, "\(method) \(path)")
                }
            }
        }
    }

    @Test func theServedDocument_readsAndValidatesAsOpenAPI31() async throws {
        try await APIHarness.withApp { api in
            let response = try await api.send("GET", "/openapi.json", key: nil)
            let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(response.body.utf8))
            #expect(document.openAPIVersion == .v3_1_0)
            let warnings = try document.validate()
            #expect(warnings.isEmpty, "\(warnings)")
            // Every operation's body and success answer resolve to a schema of the components.
            #expect(document.allOperationIds.count == document.paths.values.compactMap(\.pathItemValue).flatMap(\.endpoints).count)
        }
    }
}
