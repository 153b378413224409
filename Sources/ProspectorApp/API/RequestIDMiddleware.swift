import Foundation
import Vapor

/// Gives every request an id: the caller's `X-Request-Id` when it is a sensible token, else a new UUID. The id is
/// in every log line of the request, in error bodies, in audit entries and on the response.
///
/// Like every middleware of the API it runs on the request's event loop: an `AsyncMiddleware` starts a task of its
/// own and hops threads twice per request, which the HTTP benchmark found to be the largest cost of a cached read.
struct RequestIDMiddleware: Middleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Vapor made an id for the request already (a UUID, or the header as sent): reuse it unless the header was
        // not a sensible token. A second UUID per request cost a read of /dev/urandom.
        let sent = request.headers.first(name: Self.header)
        let id = Self.accepted(sent) ?? (sent == nil ? request.id.lowercased() : UUID().uuidString.lowercased())
        request.storage[RequestIDKey.self] = id
        request.logger[metadataKey: "request-id"] = .string(id)
        return next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: Self.header, value: id)
            return response
        }
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
