import AsyncHTTPClient
import Foundation
import Logging
import Metrics
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
    /// One per process: a value is reused only for the very bytes it was decoded from, whichever client read them.
    private static let decodedAnswers = DecodedAnswerMemo()
    private static let encodedBodies = EncodedBodyMemo()
    /// Governor, breaker, retries and cache; nil sends every call straight to Apollo, once.
    public let pipeline: ApolloPipeline?

    /// - Parameters:
    ///   - configuration: base URL, key and limits.
    ///   - httpClient: the connection pool to use; the shared one by default.
    ///   - logger: where requests are logged (never with the key).
    ///   - rateLimitObserver: told about the headers of every response.
    ///   - pipeline: the resilience pipeline every call goes through.
    public init(
        configuration: ApolloClientConfiguration,
        httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "apollo.client"),
        rateLimitObserver: RateLimitObserver? = nil,
        pipeline: ApolloPipeline? = nil
    ) {
        self.pipeline = pipeline
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
    ///   - cost: what the operation may charge; its worst case is reserved before sending and settled at what the
    ///     answer says (0 when the cache or an identical call in flight answered).
    /// - Throws: ``ApolloError``.
    public func send<Value: Decodable & Sendable>(
        _ endpoint: ApolloEndpoint,
        query: (any Encodable & Sendable)? = nil,
        body: (any Encodable & Sendable)? = nil,
        idempotent: Bool? = nil,
        cost: CreditPrice<Value>? = nil,
        as: Value.Type = Value.self
    ) async throws(ApolloError) -> ApolloResponse<Value> {
        guard let cost, cost.worstCase > 0, let gate = pipeline?.credits else {
            return try decode(endpoint, try await sendRaw(endpoint, query: query, body: body, idempotent: idempotent))
        }
        let reservation = try await gate.reserve(route: endpoint.route, records: cost.records, credits: cost.worstCase)
        let response: ApolloResponse<Value>
        do {
            // A paid call is never sent again after a failure whose effect is unknown: Apollo may have charged it.
            response = try decode(endpoint, try await sendRaw(endpoint, query: query, body: body, idempotent: false))
        } catch .undecodableResponse(let status, let body, let reason) {
            // Apollo answered and may have charged: the worst case stays in the ledger (never less than was spent).
            throw .undecodableResponse(status: status, body: body, reason: reason)
        } catch .timeout {
            // The answer was lost (found by the chaos soak: a cut connection after Apollo charged was settled at 0).
            gate.leaveUnsettled(route: endpoint.route)
            throw .timeout
        } catch .transport(let description) {
            gate.leaveUnsettled(route: endpoint.route)
            throw .transport(description: description)
        } catch {
            await gate.settle(reservation, route: endpoint.route, credits: 0)
            throw error
        }
        await gate.settle(reservation, route: endpoint.route, credits: response.cache == .network ? cost.charged(response.value) : 0)
        return response
    }

    private func decode<Value: Decodable & Sendable>(_ endpoint: ApolloEndpoint, _ raw: ApolloResponse<[UInt8]>) throws(ApolloError)
        -> ApolloResponse<Value>
    {
        if raw.cache != .network, let value = Self.decodedAnswers.value(Value.self, route: endpoint.route, bytes: raw.value) {
            return ApolloResponse(value: value, status: raw.status, rateLimit: raw.rateLimit, cache: raw.cache, serverDate: raw.serverDate)
        }
        do {
            let (value, repairs) = try LenientDecoding.decode(Value.self, from: Data(raw.value), decoder: ApolloCoding.makeDecoder())
            Self.decodedAnswers.remember(value, route: endpoint.route, bytes: raw.value)
            for repair in repairs {
                Counter(label: "apollo_response_repairs_total", dimensions: [("route", endpoint.route), ("kind", repair.kind.rawValue)])
                    .increment(by: repair.count)
                // The path names fields only: the record's content stays out of the log.
                logger.notice(
                    "repaired an Apollo answer of an unexpected shape",
                    metadata: [
                        "route": "\(endpoint.route)", "repair": "\(repair.kind.rawValue)", "path": "\(repair.path)", "records": "\(repair.count)",
                    ])
            }
            return ApolloResponse(value: value, status: raw.status, rateLimit: raw.rateLimit, cache: raw.cache, serverDate: raw.serverDate)
        } catch {
            throw .undecodableResponse(status: raw.status, body: String(decoding: raw.value.prefix(4096), as: UTF8.self), reason: "\(error)")
        }
    }

    /// Sends one request and returns the raw 2xx body; non-2xx answers are thrown as ``ApolloError``.
    ///
    /// - Parameter idempotent: whether repeating the call is harmless (default: unless the endpoint creates data).
    public func sendRaw(
        _ endpoint: ApolloEndpoint,
        query: (any Encodable & Sendable)? = nil,
        body: (any Encodable & Sendable)? = nil,
        idempotent: Bool? = nil
    ) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        guard let apiKey = configuration.apiKey, !apiKey.isEmpty else { throw .missingAPIKey }
        let (request, key) = try makeRequest(endpoint, apiKey: apiKey, query: query, body: body)
        guard let pipeline else { return try await transport(endpoint, request) }
        return try await pipeline.execute(endpoint, key: key, idempotent: idempotent ?? !endpoint.createsData) { () async throws(ApolloError) in
            try await transport(endpoint, request)
        }
    }

    private func transport(_ endpoint: ApolloEndpoint, _ request: HTTPClientRequest) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
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
        return ApolloResponse(
            value: body, status: status, rateLimit: rateLimit, serverDate: ApolloResponse<[UInt8]>.httpDate(response.headers.first(name: "date")))
    }

    /// The request, and a key naming it for the cache (method, URL and body; never the API key).
    private func makeRequest(
        _ endpoint: ApolloEndpoint, apiKey: String, query: (any Encodable & Sendable)?, body: (any Encodable & Sendable)?
    ) throws(ApolloError) -> (HTTPClientRequest, key: String) {
        var url = configuration.baseURL + endpoint.path
        var request: HTTPClientRequest
        var bodyBytes: [UInt8] = []
        do {
            if let query {
                let items = try QueryEncoding.items(from: query)
                if !items.isEmpty { url += "?" + QueryEncoding.string(items) }
            }
            request = HTTPClientRequest(url: url)
            if let body {
                bodyBytes = try Self.encodedBodies.bytes(of: body) { Array(try ApolloCoding.makeEncoder().encode(body)) }
                request.body = .bytes(ByteBuffer(bytes: bodyBytes))
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
        return (request, "\(endpoint.method.rawValue) \(url) \(String(decoding: bodyBytes, as: UTF8.self))")
    }
}
