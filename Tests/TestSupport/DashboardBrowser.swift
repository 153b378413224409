import AsyncHTTPClient
import Foundation
import NIOCore

/// A browser without a browser, for the dashboard's tests: keeps the session cookie, reads the CSRF token out of
/// the last page, posts forms, and never follows a redirect (the test reads each `Location`).
public struct DashboardBrowser: Sendable {
    /// A client that shows redirects instead of following them; shared by every test, never shut down.
    private static let client = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    public let baseURL: String
    public private(set) var cookies: [String: String] = [:]
    /// The `_csrf` value of the last page that had a form.
    public private(set) var csrf: String?

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// `GET path`; keeps the cookies it sets and the page's form token.
    @discardableResult
    public mutating func get(_ path: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await send("GET", path, form: nil, headers: headers)
    }

    /// Posts `form` (URL-encoded), adding the last page's `_csrf` unless `withToken` is false.
    @discardableResult
    public mutating func post(_ path: String, _ form: [(String, String)] = [], withToken: Bool = true, headers: [String: String] = [:])
        async throws -> RawResponse
    {
        var fields = form
        if withToken, let csrf { fields.append(("_csrf", csrf)) }
        return try await send("POST", path, form: fields, headers: headers)
    }

    /// Opens the sign-in page and signs in with `key`; the response is the form's answer.
    @discardableResult
    public mutating func signIn(_ key: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await get("/sign-in")
        return try await post("/sign-in", [("apiKey", key), ("next", "/")], headers: headers)
    }

    private mutating func send(_ method: String, _ path: String, form: [(String, String)]?, headers: [String: String]) async throws
        -> RawResponse
    {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !cookies.isEmpty { request.headers.add(name: "cookie", value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")) }
        if let form {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let body = form.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }
            .joined(separator: "&")
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.client.execute(request, timeout: .seconds(90))
        let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
        for cookie in response.headers["set-cookie"] {
            let pair = cookie.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 || pair.count == 1 else { continue }
            let name = String(pair[0])
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || cookie.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let range = body.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            csrf = String(body[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
        }
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }
}
