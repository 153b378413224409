import ApolloIOClient
import ProspectorServices
import Vapor

/// The stable error codes of DESIGN.md, each with its HTTP status.
public enum APIErrorCode: String, Sendable, CaseIterable, Codable {
    case invalidRequest = "invalid_request"
    case unauthorized
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case conflict
    /// The person is suppressed (erased or on the suppression list): nothing done, nothing spent.
    case suppressed
    case creditBudgetExceeded = "credit_budget_exceeded"
    case apolloRateLimited = "apollo_rate_limited"
    case apolloUnavailable = "apollo_unavailable"
    case apolloMasterKeyRequired = "apollo_master_key_required"
    case apolloError = "apollo_error"
    /// Our own database did not answer (busy, restarting): retry.
    case databaseUnavailable = "database_unavailable"
    /// The job queue's Redis did not answer: nothing was added; retry.
    case queueUnavailable = "queue_unavailable"
    case `internal`

    public var status: HTTPResponseStatus {
        switch self {
        case .invalidRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .conflict: .conflict
        case .suppressed: .conflict
        case .creditBudgetExceeded: .paymentRequired
        case .apolloRateLimited: .tooManyRequests
        case .apolloUnavailable: .serviceUnavailable
        case .apolloMasterKeyRequired: .badGateway
        case .apolloError: .badGateway
        case .databaseUnavailable: .serviceUnavailable
        case .queueUnavailable: .serviceUnavailable
        case .internal: .internalServerError
        }
    }
}

/// An error our API answers with: a code, a message for people and details for programs.
public struct APIError: Error, Sendable {
    public var code: APIErrorCode
    public var message: String
    public var details: [String: String]
    /// Seconds after which a retry can succeed (sent as `Retry-After`).
    public var retryAfter: Int?

    public init(_ code: APIErrorCode, _ message: String, details: [String: String] = [:], retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    /// A request value that is missing, of the wrong type or out of range; `field` is its JSON path.
    public static func invalid(_ field: String, _ problem: String) -> APIError {
        APIError(.invalidRequest, "\(field): \(problem)", details: ["field": field])
    }

    /// What an Apollo failure means for our caller, with Apollo's detail kept.
    /// A service's refusal in the API's terms.
    public static func service(_ error: ServiceError) -> APIError {
        switch error {
        case .invalid(let field, let problem): .invalid(field, problem)
        case .notFound(let message): APIError(.notFound, message)
        case .conflict(let message): APIError(.conflict, message)
        case .suppressed(let message): APIError(.suppressed, message)
        case .apolloNotStarted: APIError(.apolloUnavailable, error.description)
        case .queueUnavailable(let message): APIError(.queueUnavailable, message, retryAfter: 5)
        }
    }

    public static func apollo(_ error: ApolloError) -> APIError {
        switch error {
        case .rateLimited(let rejection):
            let seconds = Int(rejection.retryAfterSeconds.rounded(.up))
            return APIError(
                .apolloRateLimited, "Apollo's rate limit has no room now: \(rejection.message)",
                details: ["window": rejection.window?.rawValue ?? "unknown", "retryAfterSeconds": String(seconds)], retryAfter: seconds)
        case .circuitOpen(let seconds):
            return APIError(
                .apolloUnavailable, "Apollo is failing; calls are paused", details: ["retryAfterSeconds": String(Int(seconds.rounded(.up)))],
                retryAfter: Int(seconds.rounded(.up)))
        // Every 503 says when to try again (the chaos soak found these without): Apollo's own hiccups pass in seconds,
        // and a longer outage opens the breaker, whose answer carries its own wait.
        case .serverError(let status, let message):
            return APIError(.apolloUnavailable, "Apollo answered \(status)", details: ["upstream": String(message.prefix(500))], retryAfter: 5)
        case .timeout, .transport:
            return APIError(.apolloUnavailable, "Apollo could not be reached", details: ["upstream": "\(error)"], retryAfter: 5)
        case .creditBudgetExceeded(let scope, let cap, let spent, let requested):
            return APIError(
                .creditBudgetExceeded, "this would cross the \(scope) credit budget",
                details: ["cap": "\(cap)", "spent": "\(spent)", "requested": "\(requested)"])
        case .forbidden(.masterKeyRequired, let message):
            return APIError(.apolloMasterKeyRequired, "this Apollo endpoint needs a master API key", details: ["upstream": message])
        case .notFound(let message):
            return APIError(.notFound, "Apollo has no such record", details: ["upstream": message])
        case .invalidRequest(let status, let message, let code):
            var details = ["upstream": message, "upstreamStatus": String(status)]
            if let code { details["upstreamCode"] = code }
            // A well-formed request about a mailbox that can no longer send: the state of the record, not the request.
            if message.localizedCaseInsensitiveContains("no longer active") {
                return APIError(.conflict, "Apollo refused: \(message)", details: details)
            }
            return APIError(.invalidRequest, "Apollo rejected the request: \(message)", details: details)
        case .tooManyRecords(let limit, let requested):
            return APIError(.invalidRequest, "at most \(limit) records per call, got \(requested)")
        case .resultPending(let seconds):
            let wait = Int(seconds.rounded(.up))
            return APIError(.conflict, "Apollo's result is not ready yet", details: ["retryAfterSeconds": String(wait)], retryAfter: wait)
        case .stateUnavailable:
            return APIError(.databaseUnavailable, "the database is busy or unreachable; retry shortly", retryAfter: 1)
        case .missingAPIKey, .invalidAPIKey, .forbidden, .undecodableResponse:
            return APIError(.apolloError, "Apollo refused or garbled the call", details: ["upstream": "\(error)"])
        }
    }
}

/// The body of every error: `{"error": {"code", "message", "requestId", "details"}}`.
struct ErrorEnvelope: Content {
    struct Body: Content {
        var code: String
        var message: String
        var requestId: String
        var details: [String: String]?
    }

    var error: Body

    init(code: String, message: String, requestID: String, details: [String: String]? = nil) {
        error = Body(code: code, message: message, requestId: requestID, details: details?.isEmpty == true ? nil : details)
    }
}
