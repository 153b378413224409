/// Request bodies encoded a moment ago, by value: a hot cached search encoded the same request again on every hit, to
/// name it in the cache (the HTTP benchmark: 7 % of a cached `POST /api/leads/search`). Only bodies that are
/// `Hashable` are kept; equal values (same type, same fields) share their bytes, which the encoder's sorted keys make
/// the same in every process anyway.
final class EncodedBodyMemo: Sendable {
    private let entries = BoundedMemoTable<Key, [UInt8]>(capacity: 512)

    /// A body's value as a dictionary key; the value is `Sendable` (every body is).
    private struct Key: Hashable, @unchecked Sendable {
        let value: AnyHashable
    }

    func bytes(of body: any Encodable & Sendable, encode: () throws -> [UInt8]) rethrows -> [UInt8] {
        guard let hashable = body as? any Hashable else { return try encode() }
        let key = Key(value: AnyHashable(hashable))
        if let bytes = entries[key] { return bytes }
        let bytes = try encode()
        entries.remember(bytes, for: key)
        return bytes
    }
}
