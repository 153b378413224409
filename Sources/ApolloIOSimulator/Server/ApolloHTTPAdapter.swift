import Vapor

/// Runs one Apollo call through faults, the gate (auth, scope, plan, rate limit) and the handler, and writes HTTP.
struct ApolloHTTPAdapter {
    let engine: SimulatorEngine

    func handle(_ request: Request, route: SimRoute, handler: ApolloRoutes.Handler) async throws -> Response {
        let (fault, latency) = await engine.faultDecision()
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        let response: SimResponse
        switch fault {
        case .outage:
            response = SimResponse(status: 503, body: .text("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"))
        case .serverError:
            response = .error("An unexpected error occurred. Please try again.", status: 500)
        case .connectionReset:
            await engine.record(label: route.label, status: 0)
            return Self.resetResponse()
        case .rateLimitBurst:
            response = await engine.burstRateLimited(route: route)
        case .none:
            response = await admitted(request, route: route, handler: handler)
        }
        await engine.record(label: route.label, status: response.status)
        return Self.httpResponse(response)
    }

    private func admitted(_ request: Request, route: SimRoute, handler: ApolloRoutes.Handler) async -> SimResponse {
        switch await engine.admit(apiKey: request.headers.first(name: "x-api-key"), route: route) {
        case .failure(let box):
            return box.response
        case .success(let (key, rateHeaders)):
            let body = request.body.data.map { Data(buffer: $0) }
            let parameters: RequestParameters
            do {
                parameters = try RequestParameters(query: request.url.query, body: body)
            } catch {
                return .error("Invalid JSON in request body", status: 400)
            }
            let simRequest = SimRequest(parameters: parameters, pathID: request.parameters.get("id"), key: key)
            var response: SimResponse
            do {
                response = try await handler(engine, simRequest)
            } catch let refusal as SimResponseBox {
                response = refusal.response
            } catch {
                response = .error("An unexpected error occurred. Please try again.", status: 500)
            }
            response.headers.append(contentsOf: rateHeaders)
            if await engine.configuration.quirks, (200..<300).contains(response.status), case .json(let value) = response.body {
                response.body = .json(Quirks.apply(to: value))
            }
            return response
        }
    }

    static func httpResponse(_ response: SimResponse) -> Response {
        var headers = HTTPHeaders()
        let body: Response.Body
        switch response.body {
        case .json(let value):
            headers.contentType = .json
            body = .init(data: value.encoded())
        case .text(let text):
            headers.contentType = response.status == 503 ? .html : .plainText
            body = .init(string: text)
        }
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        return Response(status: HTTPResponseStatus(statusCode: response.status), headers: headers, body: body)
    }

    /// A response cut off mid-body: the client sees the connection drop.
    static func resetResponse() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let body = Response.Body(
            asyncStream: { writer in
                try await writer.write(.buffer(ByteBuffer(string: "{\"people\": [")))
                try await writer.write(.error(SimulatedConnectionReset()))
            }, count: 4_096)
        return Response(status: .ok, headers: headers, body: body)
    }
}

struct SimulatedConnectionReset: Error {}

extension SimulatorEngine {
    /// A deliberate 429 from the burst fault, as if the minute window were full.
    func burstRateLimited(route: SimRoute) -> SimResponse {
        let limit = SimWindow.minute.limit(in: configuration.plan.limits(for: route.group)) ?? 0
        return rateLimited(route: route, window: .minute, limit: limit, retryAfterSimulated: 1)
    }
}
