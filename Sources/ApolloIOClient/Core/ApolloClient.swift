import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A typed Apollo.io REST client over AsyncHTTPClient.
///
/// Each operation lives in an extension (`ApolloClient+People.swift`, …) and goes through ``send(_:query:body:as:)``,
/// the single place where requests are built, sent and their responses classified.
public struct ApolloClient: Sendable {
    /// Called with the rate-limit status of every response that carried one.
    public typealias RateLimitObserver = @Sendable (ApolloEndpoint, RateLimitStatus) -> Void

    public let configuration: ApolloClientConfiguration
    private let httpClient: HTTPClient
    private let logger: Logger
    private let observer: RateLimitObserver?

    /// - Parameters:
    ///   - configuration: base URL, key and limits.
    ///   - httpClient: the connection pool to use; the shared one by default.
    ///   - logger: where requests are logged (never with the key).
    ///   - rateLimitObserver: told about the headers of every response.
    public init(
        configuration: ApolloClientConfiguration,
        httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "apollo.client"),
        rateLimitObserver: RateLimitObserver? = nil
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.observer = rateLimitObserver
    }

    /// Sends one request and decodes a 2xx body as `Value`.
    ///
    /// - Parameters:
    ///   - endpoint: the operation.
    ///   - query: values encoded into the query string (GET filters, bulk reveal flags).
    ///   - body: a value encoded as the JSON body.
    /// - Throws: ``ApolloError``.
    public func send<Value: Decodable & Sendable>(
        _ endpoint: ApolloEndpoint,
        query: (any Encodable & Sendable)? = nil,
        body: (any Encodable & Sendable)? = nil,
        as: Value.Type = Value.self
    ) async throws(ApolloError) -> ApolloResponse<Value> {
        let raw = try await sendRaw(endpoint, query: query, body: body)
        do {
            let value = try ApolloCoding.makeDecoder().decode(Value.self, from: Data(raw.value))
            return ApolloResponse(value: value, status: raw.status, rateLimit: raw.rateLimit)
        } catch {
            throw .undecodableResponse(status: raw.status, body: String(decoding: raw.value.prefix(4096), as: UTF8.self), reason: "\(error)")
        }
    }

    /// Sends one request and returns the raw 2xx body; non-2xx answers are thrown as ``ApolloError``.
    public func sendRaw(
        _ endpoint: ApolloEndpoint,
        query: (any Encodable & Sendable)? = nil,
        body: (any Encodable & Sendable)? = nil
    ) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        guard let apiKey = configuration.apiKey, !apiKey.isEmpty else { throw .missingAPIKey }
        let request = try makeRequest(endpoint, apiKey: apiKey, query: query, body: body)
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .seconds(configuration.requestTimeoutSeconds), logger: logger)
            bytes = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout
        } catch {
            throw .transport(description: "\(error)")
        }
        let status = Int(response.status.code)
        let rateLimit = RateLimitStatus { response.headers.first(name: $0) }
        if !rateLimit.isEmpty { observer?(endpoint, rateLimit) }
        let body = Array(buffer: bytes)
        logger.debug("apollo call", metadata: ["route": "\(endpoint.route)", "status": "\(status)"])
        guard (200..<300).contains(status) else {
            throw ApolloErrorClassifier.classify(
                status: status, body: body, retryAfter: response.headers.first(name: "retry-after"), endpoint: endpoint)
        }
        return ApolloResponse(value: body, status: status, rateLimit: rateLimit)
    }

    private func makeRequest(
        _ endpoint: ApolloEndpoint, apiKey: String, query: (any Encodable & Sendable)?, body: (any Encodable & Sendable)?
    ) throws(ApolloError) -> HTTPClientRequest {
        var url = configuration.baseURL + endpoint.path
        var request: HTTPClientRequest
        do {
            if let query {
                let items = try QueryEncoding.items(from: query)
                if !items.isEmpty { url += "?" + QueryEncoding.string(items) }
            }
            request = HTTPClientRequest(url: url)
            if let body {
                request.body = .bytes(ByteBuffer(bytes: try ApolloCoding.makeEncoder().encode(body)))
                request.headers.add(name: "content-type", value: "application/json")
            }
        } catch {
            throw .invalidRequest(status: 0, message: "could not encode the request: \(error)", code: nil)
        }
        request.method = endpoint.method
        request.headers.add(name: "x-api-key", value: apiKey)
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "cache-control", value: "no-cache")
        request.headers.add(name: "user-agent", value: configuration.userAgent)
        return request
    }
}
