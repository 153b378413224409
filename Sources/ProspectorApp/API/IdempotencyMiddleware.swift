import Crypto
import Fluent
import Foundation
import ProspectorData
import Vapor

/// `Idempotency-Key` on POST routes: the first response is kept for 24 hours and replayed (with
/// `Idempotent-Replayed: true`) for a repeat of the same request, which then creates and spends nothing; the same key
/// with another request, or while the first still runs, is 409. A refusal that the same request would meet again
/// (400, 402, 403, 404, 409, 422) is kept like a success; a rate limit (429), a server failure (5xx) or anything
/// else is not kept, so a retry runs again.
struct IdempotencyMiddleware: Middleware {
    static let header = "Idempotency-Key"
    static let lifetime: TimeInterval = 86_400
    /// The refusals replayed as the first response.
    static let deterministicRefusals: Set<UInt> = [400, 402, 403, 404, 409, 422]
    /// Routes whose answer shows a secret once (an API key, a webhook's signing secret): their answers are never
    /// stored, so the header is not taken there (nor documented).
    static let secretBearingPaths: Set<String> = ["/api/keys", "/api/webhooks"]
    /// The largest body a route takes (bulk enrichment's), collected before hashing.
    static let maxBodyBytes = 4 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Most requests carry no key: they pass on the event loop, without a task (see RequestIDMiddleware).
        guard request.method == .POST, !Self.secretBearingPaths.contains(request.url.path), let key = request.headers.first(name: Self.header)
        else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask { try await respond(to: request, key: key, chainingTo: next) }
    }

    private func respond(to request: Request, key: String, chainingTo next: any Responder) async throws -> Response {
        // The document's pattern `^[!-~]+$`: visible ASCII only.
        guard (1...255).contains(key.unicodeScalars.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw APIError.invalid(Self.header, "must be 1 to 255 visible ASCII characters")
        }
        guard let apiKeyID = request.apiKey?.id else { return try await next.respond(to: request).get() }
        // The whole body, collected first: a large one arrives in several reads, and hashing what had arrived bound
        // the key to a prefix (two different large bodies looked like one request).
        let body = try await request.body.collect(max: Self.maxBodyBytes).get().map { Data(buffer: $0) } ?? Data()
        let hash = SHA256.hash(data: Data("\(request.method.rawValue) \(request.url.path)\n".utf8) + body).map { String(format: "%02x", $0) }.joined()
        try await IdempotencyRecord.query(on: request.db).filter(\.$createdAt < Date().addingTimeInterval(-Self.lifetime)).delete()
        let record = IdempotencyRecord(apiKeyID: apiKeyID, key: key, requestHash: hash)
        do {
            try await record.create(on: request.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await replay(key: key, apiKeyID: apiKeyID, hash: hash, request: request)
        }
        let response: Response
        do {
            response = try await next.respond(to: request).get()
        } catch {
            let errors = APIErrorMiddleware(routes: request.application.routes)
            let refusal = errors.classify(error, request: request)
            guard Self.deterministicRefusals.contains(refusal.code.status.code) else {
                try? await record.delete(on: request.db)
                throw error
            }
            response = try errors.response(for: refusal, request: request)
        }
        guard response.status.code < 400 || Self.deterministicRefusals.contains(response.status.code) else {
            try? await record.delete(on: request.db)
            return response
        }
        record.status = Int(response.status.code)
        record.body = response.body.data
        record.contentType = response.headers.first(name: .contentType)
        record.location = response.headers.first(name: .location)
        try await record.save(on: request.db)
        return response
    }

    private func replay(key: String, apiKeyID: UUID, hash: String, request: Request) async throws -> Response {
        guard let first = try await IdempotencyRecord.query(on: request.db).filter(\.$apiKeyID == apiKeyID).filter(\.$key == key).first() else {
            throw APIError(.conflict, "a request with this Idempotency-Key is being recorded; retry shortly")
        }
        guard first.requestHash == hash else {
            throw APIError(.conflict, "this Idempotency-Key was used for a different request", details: ["field": Self.header])
        }
        guard first.status != 0 else { throw APIError(.conflict, "the first request with this Idempotency-Key is still running") }
        var headers = HTTPHeaders()
        if let contentType = first.contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        if let location = first.location { headers.replaceOrAdd(name: .location, value: location) }
        headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        return Response(status: HTTPResponseStatus(statusCode: first.status), headers: headers, body: .init(data: first.body ?? Data()))
    }
}
