import Foundation
import Vapor

/// A request body our routes accept: checked after decoding, each problem naming its field.
protocol RequestBody: Decodable, Sendable {
    func validate() throws(APIError)
}

extension RequestBody {
    func validate() throws(APIError) {}
}

/// Reads JSON bodies strictly: the media type, malformed JSON, missing fields and wrong types are each reported
/// as `invalid_request` (or 415) naming the field, instead of a generic 400 or a 500.
enum JSONBody {
    static func decode<T: RequestBody>(_ type: T.Type, from request: Request) throws -> T {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw APIError(.invalidRequest, "a JSON body is required", details: ["field": "body"])
        }
        guard let contentType = request.headers.contentType, contentType.type == "application", contentType.subType == "json" else {
            throw APIError(.unsupportedMediaType, "send the body as application/json")
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw describe(error)
        }
        try value.validate()
        return value
    }

    /// A decoding failure in words, with the JSON path of the field at fault.
    static func describe(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            guard !keys.isEmpty else { return "body" }
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return .invalid(path(context.codingPath, key), "is required")
        case .valueNotFound(_, let context): return .invalid(path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context): return .invalid(path(context.codingPath), "must be \(describe(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return .invalid("body", "is not valid JSON")
        case .dataCorrupted(let context): return .invalid(path(context.codingPath), context.debugDescription)
        @unknown default: return .invalid("body", "could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "of type \(type)"
        }
    }
}
