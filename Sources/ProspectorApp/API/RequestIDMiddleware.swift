import Foundation
import Vapor

/// Gives every request an id: the caller's `X-Request-Id` when it is a sensible token, else a new UUID. The id is
/// in every log line of the request, in error bodies, in audit entries and on the response.
struct RequestIDMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = Self.accepted(request.headers.first(name: Self.header)) ?? UUID().uuidString.lowercased()
        request.storage[RequestIDKey.self] = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: id)
        return response
    }

    /// A propagated id is kept when it is 1–128 characters of letters, digits, `-`, `_`, `.` or `:`.
    static func accepted(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.count),
            value.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0) }),
            value.allSatisfy(\.isASCII)
        else { return nil }
        return value
    }
}

private struct RequestIDKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The request's id (see ``RequestIDMiddleware``).
    var requestID: String { storage[RequestIDKey.self] ?? id }
}
