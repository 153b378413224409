import Logging

/// Keeps personal data and secrets out of every log line at every level, whoever writes it.
///
/// Prospector's own modules log routes, statuses, error types, ids and counts only (never a body, an upstream
/// message, an email, a phone, a name or a secret), and are passed through. The libraries below them log more at
/// debug and trace: SQL drivers log every query's bound values (`binds`), PostgresNIO logs the rows and messages it
/// exchanges, Vapor logs each request's head (with its query string and `Authorization` header) and body parts. Their
/// metadata values are redacted, except keys that carry only identifiers or the SQL text (whose values are always
/// bound, never inlined), and their messages keep only what precedes the first `": "` (where an interpolated value
/// begins: `Decoded HTTP part: [redacted]`).
struct PrivacyLogHandler: LogHandler {
    private var wrapped: any LogHandler

    init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    /// The modules whose log lines are written with this rule in mind.
    static let ownSources: Set<String> = [
        "ProspectorApp", "ProspectorServices", "ProspectorData", "JobQueue", "ApolloIOClient", "DatabaseSupport", "prospector",
    ]

    /// Library metadata that holds no data: connection and request identifiers, event loops, the SQL text.
    static let safeKeys: Set<String> = [
        "sql", "psql_connection_id", "psql_listen_channel", "ahc-request-id", "ahc-connection-id", "ahc-eventloop", "ahc-el-preference",
        "ahc-pool-key", "ahc-connection-type", "request-id", "error",
    ]

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        let source = event.source
        event.message = Self.redact(event.message, source: source)
        event.metadata = Self.redact(event.metadata, source: source)
        // A library's error can describe the data it failed on.
        if !Self.ownSources.contains(source), let error = event.error { event.error = LoggedErrorType(error) }
        wrapped.log(event: event)
    }

    /// `message` as it may be written for a line from `source`.
    static func redact(_ message: Logger.Message, source: String) -> Logger.Message {
        guard !ownSources.contains(source), let colon = message.description.range(of: ": ") else { return message }
        return "\(message.description[..<colon.lowerBound]): [redacted]"
    }

    /// `metadata` as it may be written for a line from `source`.
    static func redact(_ metadata: Logger.Metadata?, source: String) -> Logger.Metadata? {
        guard var metadata else { return nil }
        let own = ownSources.contains(source)
        for (key, value) in metadata where key == "binds" || (!own && !safeKeys.contains(key)) {
            if case .array(let values) = value, key == "binds" {
                metadata[key] = "[\(values.count) bound values redacted]"
            } else {
                metadata[key] = "[redacted]"
            }
        }
        return metadata
    }
}

/// An error reduced to its type, for a library's log line.
struct LoggedErrorType: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        description = String(describing: type(of: error))
    }
}
