import Foundation
import ProspectorServices
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
        guard isJSON(request.headers.first(name: .contentType)) else {
            throw APIError(.unsupportedMediaType, "send the body as application/json")
        }
        let value = try decodeTolerantly(T.self, from: Data(buffer: buffer), decoder: decoder)
        try value.validate()
        return value
    }

    private static let decoder = JSONDecoder()

    /// Whether a `Content-Type` names JSON (`application/json`, any case, parameters aside). Vapor's parsed media type
    /// was half of the cost of reading a small body (the HTTP benchmark).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var mediaType = Substring(contentType)
        if let semicolon = mediaType.firstIndex(of: ";") { mediaType = mediaType[..<semicolon] }
        mediaType = mediaType.drop(while: blank)
        while let last = mediaType.last, blank(last) { mediaType = mediaType.dropLast() }
        return mediaType.lowercased() == "application/json"
    }

    /// Decodes `data`; a text that fails only for an escaped half of a surrogate pair (valid JSON grammar, which
    /// Foundation refuses) is read with U+FFFD in its place. Failures are described naming the field.
    static func decodeTolerantly<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let repaired = replacingLoneSurrogates(data) else {
                throw describe(error)
            }
            do { return try decoder.decode(T.self, from: repaired) } catch let error as DecodingError { throw describe(error) }
        }
    }

    /// `\uD800`–`\uDFFF` escapes that are not a high one followed by a low one, replaced by `\uFFFD`; nil when there is none.
    static func replacingLoneSurrogates(_ data: Data) -> Data? {
        var bytes = Array(data)
        func surrogate(at index: Int) -> (high: Bool, low: Bool)? {
            guard index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                let value = UInt16(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
            else { return nil }
            return (0xD800...0xDBFF).contains(value) ? (true, false) : (0xDC00...0xDFFF).contains(value) ? (false, true) : nil
        }
        var changed = false
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                if let kind = surrogate(at: index) {
                    if kind.high, surrogate(at: index + 6)?.low == true {
                        index += 12
                        continue
                    }
                    bytes.replaceSubrange((index + 2)..<(index + 6), with: Array("FFFD".utf8))
                    changed = true
                    index += 6
                    continue
                }
                index += 2
                continue
            }
            index += 1
        }
        return changed ? Data(bytes) : nil
    }

    /// A decoding failure in words, with the JSON path of the field at fault.
    static func describe(_ error: DecodingError) -> APIError {
        let problem = DecodingProblem(error)
        return .invalid(problem.field, problem.problem)
    }
}
