import Foundation

/// Every way a call to Apollo can fail, in cases a caller can act on.
///
/// Apollo's error bodies differ by status code (CONTRACT §4); ``ApolloErrorClassifier`` maps them here.
public enum ApolloError: Error, Sendable, Equatable {
    /// No API key was configured, or Apollo answered `422 {"error": "Api key required"}`.
    case missingAPIKey
    /// Apollo refused the key (401; the body is plain text).
    case invalidAPIKey(message: String)
    /// The key is valid but may not call this endpoint.
    case forbidden(reason: ForbiddenReason, message: String)
    /// The record does not exist (a 404, or Apollo's 422 "does not exist" form).
    case notFound(message: String)
    /// An asynchronous enrichment's result is not ready yet (`404 result_pending`, CONTRACT §12.3): ask again later.
    case resultPending(retryAfterSeconds: Double)
    /// Apollo rejected the parameters (400 or 422), with its message and machine code when sent.
    case invalidRequest(status: Int, message: String, code: String?)
    /// The client refused to send more records than the endpoint accepts in one call.
    case tooManyRecords(limit: Int, requested: Int)
    /// A window of the endpoint's rate limit is exhausted.
    case rateLimited(RateLimitRejection)
    /// Apollo answered 5xx.
    case serverError(status: Int, message: String)
    /// No response arrived within the request timeout.
    case timeout
    /// The connection failed before a response arrived.
    case transport(description: String)
    /// The circuit breaker is open after repeated upstream failures: the call was not sent.
    case circuitOpen(retryAfterSeconds: Double)
    /// The call would cross a credit cap of ours: refused before anything was sent or spent.
    case creditBudgetExceeded(scope: CreditBudgetScope, cap: Double, spent: Double, requested: Double)
    /// The response could not be decoded; the raw body is kept for diagnosis.
    case undecodableResponse(status: Int, body: String, reason: String)
    /// Our own shared state (rate-limit windows, credit ledger, response cache, enrichment memory) could not be read
    /// or written: the call was not sent. Apollo is not at fault; our database is.
    case stateUnavailable(description: String)

    /// The HTTP status as a metric label, or what happened instead of one (`timeout`, `transport`, …).
    public var statusLabel: String {
        switch self {
        case .missingAPIKey: "no_key"
        case .invalidAPIKey: "401"
        case .forbidden: "403"
        case .notFound, .resultPending: "404"
        case .invalidRequest(let status, _, _): status == 0 ? "not_sent" : String(status)
        case .tooManyRecords, .creditBudgetExceeded, .circuitOpen, .stateUnavailable: "not_sent"
        case .rateLimited: "429"
        case .serverError(let status, _): String(status)
        case .timeout: "timeout"
        case .transport: "transport"
        case .undecodableResponse(let status, _, _): String(status)
        }
    }

    /// What a log line may say of this error: its kind and status, never Apollo's message or body (they can carry the
    /// names and emails of the people a call was about).
    public var logSummary: String {
        switch self {
        case .missingAPIKey: "missingAPIKey"
        case .invalidAPIKey: "invalidAPIKey"
        case .forbidden(let reason, _): "forbidden(\(reason))"
        case .notFound: "notFound"
        case .resultPending: "resultPending"
        case .invalidRequest(let status, _, let code): "invalidRequest(status: \(status), code: \(code ?? "none"))"
        case .tooManyRecords(let limit, let requested): "tooManyRecords(limit: \(limit), requested: \(requested))"
        case .rateLimited(let rejection): "rateLimited(window: \(rejection.window?.rawValue ?? "unknown"))"
        case .serverError(let status, _): "serverError(status: \(status))"
        case .timeout: "timeout"
        case .transport: "transport"
        case .circuitOpen: "circuitOpen"
        case .creditBudgetExceeded(let scope, _, _, _): "creditBudgetExceeded(\(scope))"
        case .undecodableResponse(let status, _, _): "undecodableResponse(status: \(status))"
        case .stateUnavailable: "stateUnavailable"
        }
    }

    /// Whether Apollo itself failed (5xx, timeout, connection error): what the circuit breaker counts.
    public var isUpstreamFailure: Bool {
        switch self {
        case .serverError, .timeout, .transport: true
        default: false
        }
    }

    /// Whether the same request may succeed if sent again later without changes.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .serverError, .timeout, .transport, .circuitOpen, .stateUnavailable: true
        default: false
        }
    }
}

/// Why Apollo answered 403.
public enum ForbiddenReason: Sendable, Equatable {
    /// A scoped key that does not include this endpoint; `scope` is the label Apollo named.
    case scopeNotGranted(scope: String?)
    /// The endpoint only accepts a master key: a configuration problem, never retried.
    case masterKeyRequired
    /// The team's plan does not include the endpoint.
    case planRestricted
}

/// The detail of a 429: which window ran out and when a retry can succeed.
public struct RateLimitRejection: Sendable, Equatable {
    /// The exhausted window, when the response named one.
    public var window: RateLimitWindow?
    /// Seconds until a retry can succeed: `Retry-After` when sent, else derived from the window.
    public var retryAfterSeconds: Double
    /// Whether `retryAfterSeconds` came from a `Retry-After` header rather than a guess.
    public var retryAfterFromHeader: Bool
    /// Apollo's message.
    public var message: String

    public init(window: RateLimitWindow?, retryAfterSeconds: Double, retryAfterFromHeader: Bool, message: String) {
        self.window = window
        self.retryAfterSeconds = retryAfterSeconds
        self.retryAfterFromHeader = retryAfterFromHeader
        self.message = message
    }
}
