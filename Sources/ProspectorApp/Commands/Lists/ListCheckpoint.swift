import Foundation

/// Where an interrupted list run stopped (`<out>.progress`), written after each chunk: a run started again with the
/// same arguments truncates its output to the last chunk written and goes on from the next row. Rows already
/// enriched are answered by the enrichment memory, so even a chunk written twice is not paid twice.
struct ListCheckpoint: Codable, Equatable {
    var inputDigest: String
    var rowsDone: Int
    var outputBytes: UInt64
    var rejectsBytes: UInt64
    var paid: Int
    /// Rows by outcome (`matched`, `no match`, `skipped`) so far.
    var counts: [String: Int] = [:]

    static func path(for output: String) -> String { output + ".progress" }

    static func load(for output: String) throws -> ListCheckpoint? {
        guard let data = FileManager.default.contents(atPath: path(for: output)) else { return nil }
        return try? JSONDecoder().decode(ListCheckpoint.self, from: data)
    }

    func save(for output: String) throws {
        try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: Self.path(for: output)), options: .atomic)
    }

    static func remove(for output: String) {
        try? FileManager.default.removeItem(atPath: path(for: output))
    }
}

/// A file appended to chunk by chunk, flushed to disk before the checkpoint records its size.
final class AppendedFile {
    private let handle: FileHandle

    /// Opens `path`, cut to `size` bytes (a resumed run), or empty.
    init(path: String, keeping size: UInt64) throws {
        if !FileManager.default.fileExists(atPath: path) || size == 0 {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: size)
        try handle.seekToEnd()
    }

    func append(_ data: Data) throws {
        guard !data.isEmpty else { return }
        try handle.write(contentsOf: data)
    }

    /// Flushes and returns the size.
    func sync() throws -> UInt64 {
        try handle.synchronize()
        return try handle.offset()
    }

    func close() throws { try handle.close() }
}
