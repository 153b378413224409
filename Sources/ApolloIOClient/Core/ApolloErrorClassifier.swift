import Foundation

/// Turns a non-2xx Apollo response into an ``ApolloError`` (CONTRACT §4).
///
/// Apollo's bodies carry the human text in `error`, `message` or `error_message` and a machine code in
/// `error_code`; a 401 is plain text; "not found" is often a 422.
public enum ApolloErrorClassifier {
    /// Classifies one response.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - body: the raw body.
    ///   - retryAfter: the `Retry-After` header, if any.
    ///   - endpoint: the endpoint that was called, for master-key-only knowledge.
    public static func classify(status: Int, body: [UInt8], retryAfter: String?, endpoint: ApolloEndpoint) -> ApolloError {
        let text = String(decoding: body, as: UTF8.self)
        let fields = ErrorFields(body: body)
        let message = fields.message ?? fields.code ?? text.trimmingCharacters(in: .whitespacesAndNewlines)

        switch status {
        case 401:
            return .invalidAPIKey(message: message)
        case 403:
            return .forbidden(reason: forbiddenReason(fields: fields, message: message, endpoint: endpoint), message: message)
        case 404 where fields.code == "result_pending":
            return .resultPending(retryAfterSeconds: fields.retryAfterSeconds ?? 10)
        case 404, 410:
            return .notFound(message: message)
        case 429:
            return .rateLimited(rateLimitRejection(message: message, retryAfter: retryAfter))
        case 400, 422:
            if message.localizedCaseInsensitiveContains("api key required") { return .missingAPIKey }
            if isNotFoundMessage(message) { return .notFound(message: message) }
            return .invalidRequest(status: status, message: message, code: fields.code)
        case 500...599:
            return .serverError(status: status, message: message)
        default:
            return .invalidRequest(status: status, message: message, code: fields.code)
        }
    }

    static func forbiddenReason(fields: ErrorFields, message: String, endpoint: ApolloEndpoint) -> ForbiddenReason {
        if fields.code == "API_INACCESSIBLE" {
            if endpoint.masterKeyOnly || message.localizedCaseInsensitiveContains("master") { return .masterKeyRequired }
            if message.localizedCaseInsensitiveContains("free plan") { return .planRestricted }
            return .scopeNotGranted(scope: scopeLabel(in: message))
        }
        if message.localizedCaseInsensitiveContains("plan") { return .planRestricted }
        return .scopeNotGranted(scope: nil)
    }

    /// The scope label in "…not authorized to access <label>. …" or "<label> is not accessible with this api_key".
    static func scopeLabel(in message: String) -> String? {
        if let range = message.range(of: "authorized to access ") {
            let rest = message[range.upperBound...]
            let label = rest.prefix { !$0.isWhitespace }
            return label.hasSuffix(".") ? String(label.dropLast()) : String(label)
        }
        if let range = message.range(of: " is not accessible") {
            return String(message[..<range.lowerBound])
        }
        return nil
    }

    static func isNotFoundMessage(_ message: String) -> Bool {
        let lowered = message.lowercased()
        return ["does not exist", "has been deleted", "not found"].contains { lowered.contains($0) } || namesUnknownObjectID(message)
    }

    /// Apollo answers "<value> is not a valid ID" both for a malformed id and for a well-formed one it does not know
    /// (CONTRACT §3.1): when the value has an id's shape (24 lowercase hex), the record is missing, not the request.
    static func namesUnknownObjectID(_ message: String) -> Bool {
        guard let range = message.range(of: " is not a valid ID") else { return false }
        return message[..<range.lowerBound].split(separator: " ").last.map(ApolloID.isWellFormed) ?? false
    }

    /// Derives the wait after a 429: `Retry-After` when sent, else the window named in the message.
    public static func rateLimitRejection(message: String, retryAfter: String?) -> RateLimitRejection {
        let lowered = message.lowercased()
        let window: RateLimitWindow? =
            lowered.contains("per minute")
            ? .minute
            : lowered.contains("per hour")
                ? .hour
                : lowered.contains("per day") || lowered.contains("per 24")
                    ? .day
                    : nil
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return RateLimitRejection(window: window, retryAfterSeconds: seconds, retryAfterFromHeader: true, message: message)
        }
        let fallback = window?.fallbackRetrySeconds ?? RateLimitWindow.minute.fallbackRetrySeconds
        return RateLimitRejection(window: window, retryAfterSeconds: fallback, retryAfterFromHeader: false, message: message)
    }
}

/// The text fields Apollo puts in its error bodies, whichever shape was sent.
struct ErrorFields {
    var message: String?
    var code: String?
    var retryAfterSeconds: Double?

    init(body: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return }
        message = (object["error"] as? String) ?? (object["message"] as? String) ?? (object["error_message"] as? String)
        code =
            (object["error_code"] as? String)
            ?? ((object["error_details"] as? [String: Any])?["code"] as? String)
            ?? (object["code"] as? String)
        retryAfterSeconds = (object["retry_after_seconds"] as? NSNumber)?.doubleValue
    }
}
