import Foundation
import TestSupport
import Testing

/// Every documented `/api` operation, driven from the served OpenAPI document: no key and a revoked key are 401,
/// a key without the operation's scope is 403, and the failure is the error envelope with a request id.
@Suite struct APIEveryRouteAuthTests {
    @Test func everyOperation_refusesMissingRevokedAndUnscopedKeys() async throws {
        try await APIHarness.withApp { api in
            let paths = try #require(try await api.send("GET", "/openapi.json", key: nil).json["paths"] as? [String: [String: Any]])
            let revoked = try await api.key(["read", "write", "enrich", "admin"])
            let keys = try #require(try await api.send("GET", "/api/keys", key: api.adminKey).json["keys"] as? [[String: Any]])
            let revokedID = try #require(keys.first { ($0["prefix"] as? String).map { revoked.hasPrefix($0) } == true }?["id"] as? String)
            #expect(try await api.send("DELETE", "/api/keys/\(revokedID)", key: api.adminKey).status == 200)
            var checked = 0
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) where path.hasPrefix("/api") {
                let concrete = path.replacingOccurrences(of: "{domain}", with: "acme.com").replacingOccurrences(of: "{id}", with: "1")
                for (method, value) in operations {
                    let operation = try #require(value as? [String: Any])
                    let scope = try #require(operation["x-required-scope"] as? String, "\(method) \(path) names no scope")
                    let body = method == "get" || method == "delete" ? nil : "{}"
                    for key in [nil, revoked] {
                        let response = try await api.send(method.uppercased(), concrete, key: key, json: body)
                        let error = response.json["error"] as? [String: Any]
                        #expect(response.status == 401 && error?["code"] as? String == "unauthorized", "\(method) \(path)")
                        #expect(error?["requestId"] as? String == response.header("x-request-id"))
                    }
                    let other = try await api.key(["read", "write", "enrich", "admin"].filter { $0 != scope })
                    let forbidden = try await api.send(method.uppercased(), concrete, key: other, json: body)
                    #expect(forbidden.status == 403, "\(method) \(path) without \(scope)")
                    #expect(((forbidden.json["error"] as? [String: Any])?["details"] as? [String: Any])?["requiredScope"] as? String == scope)
                    checked += 1
                }
            }
            #expect(checked >= 26, "every /api operation of the document was checked")
        }
    }
}
