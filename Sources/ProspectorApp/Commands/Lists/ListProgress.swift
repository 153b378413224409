import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A run's progress on standard error: a bar redrawn in place on a terminal, plain lines otherwise (a log file, CI).
struct ListProgress {
    let total: Int
    let started = Date()
    let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastLine = Date.distantPast

    init(total: Int) {
        self.total = total
    }

    /// Shows `done` rows of `total`, `credits` spent, and the time the plan's limits give the rest.
    mutating func show(done: Int, credits: Int, remainingSeconds: Double) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let eta = Self.duration(remainingSeconds)
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = String(format: "\r[%@] %d/%d rows  %.1f rows/s  ETA %@  %d credits", bar, done, total, rate, eta, credits)
            FileHandle.standardError.write(Data(line.utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if done >= total || Date().timeIntervalSince(lastLine) >= 2 {
            lastLine = Date()
            let line = String(format: "progress: %d/%d rows, %.1f rows/s, ETA %@, %d credits\n", done, total, rate, eta, credits)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total)s" }
        if total < 3_600 { return "\(total / 60)m\(total % 60)s" }
        return "\(total / 3_600)h\(total % 3_600 / 60)m"
    }
}

/// Ctrl-C (SIGINT) or SIGTERM during a list run: noted, so the run stops after the chunk in progress — whose Apollo
/// answers are then remembered and written — instead of dying with a paid call unrecorded.
final class InterruptFlag {
    private final class Raised: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let raised = Raised()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { [raised] in raised.value.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    var isRaised: Bool { raised.value.load(ordering: .relaxed) }

    deinit {
        for source in sources { source.cancel() }
    }
}
