import CSV
import Crypto
import Foundation

/// A CSV file read whole (CSV.swift parses it: quotes, embedded commas and line breaks), and rows written back.
struct CSVTable {
    var header: [String]
    var rows: [[String]]
    /// SHA-256 of the file's bytes: a resumed run must read the same input.
    var digest: String

    static func read(path: String) throws(ListFileError) -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .malformed(path: path, reason: "not UTF-8 text") }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw .malformed(path: path, reason: "\(error)")
        }
        guard let header = reader.headerRow else { throw .malformed(path: path, reason: "no header row") }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw .malformed(path: path, reason: "after row \(rows.count + 1): \(error)") }
        return CSVTable(header: header, rows: rows, digest: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
    }

    /// `rows` as CSV bytes (each ending with a line break).
    static func encode(_ rows: [[String]]) throws -> Data {
        guard !rows.isEmpty else { return Data() }
        let writer = try CSVWriter(stream: .toMemory())
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return data + Data("\n".utf8)
    }
}

/// A list file that cannot be used, said plainly.
enum ListFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case noIdentifyingColumn(header: [String])
    case otherRunInProgress(progressFile: String)
    case notConfirmed(credits: Double)
    case awaitingApproval(id: String, credits: Double)
    case interrupted(rowsDone: Int, total: Int)
    case usage(String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .malformed(let path, let reason): "\(path) is not a readable CSV file: \(reason)"
        case .noIdentifyingColumn(let header):
            "the header (\(header.joined(separator: ", "))) names no column to identify people by: "
                + "email, linkedin_url, apollo_id, or first_name/last_name (or name) with domain"
        case .otherRunInProgress(let file):
            "\(file) belongs to a run of another input file: finish that run, or delete the file to start over"
        case .notConfirmed(let credits):
            "this run may spend up to \(Int(credits.rounded(.up))) credits: confirm at the prompt, or pass --yes (or see --dry-run first)"
        case .awaitingApproval(let id, let credits):
            "this run may spend up to \(Int(credits.rounded(.up))) credits, above CREDITS_APPROVAL_THRESHOLD: it waits for approval \(id) "
                + "(an admin runs `prospector approvals approve \(id)`, then run this command again)"
        case .interrupted(let done, let total):
            "interrupted after row \(done) of \(total), with every answer so far written: run the same command again to continue"
        case .usage(let message): message
        }
    }
}
