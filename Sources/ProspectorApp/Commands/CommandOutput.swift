import Foundation

/// What data commands print on standard output (their log goes to standard error).
enum CommandOutput {
    /// One JSON document: pretty with sorted keys, or one line; dates in ISO 8601.
    static func printJSON(_ value: some Encodable, pretty: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
