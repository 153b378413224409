import Logging
import Synchronization

/// A log handler that keeps every line (message and metadata, rendered) for a test to read; its level is fixed at
/// `trace` whatever the code under test sets, so nothing escapes the capture.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// A logger writing into this capture.
    public func logger(label: String) -> Logger {
        Logger(label: label) { label in Handler(capture: self, label: label) }
    }

    /// Every line so far.
    public var all: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        let label: String
        var metadata: Logger.Metadata = [:]

        var logLevel: Logger.Level {
            get { .trace }
            set {}  // the code under test may lower what it logs elsewhere; the capture keeps everything
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(label): \(event.message) \(rendered)\(event.error.map { " error=\($0)" } ?? "")")
        }
    }
}
