/// Answers decoded from the cache a moment ago, one per route and type: a hot cached read decoded the same bytes again
/// on every hit (the HTTP benchmark: 27 % of the server's CPU for `GET /api/deals/stages`). The decoded value is kept
/// beside the bytes it came from and reused only while a cached answer has exactly those bytes.
final class DecodedAnswerMemo: Sendable {
    private let entries = BoundedMemoTable<String, (bytes: [UInt8], value: any Sendable)>(capacity: 512)

    func value<Value: Sendable>(_ type: Value.Type, route: String, bytes: [UInt8]) -> Value? {
        guard let entry = entries["\(route) \(Value.self)"], entry.bytes == bytes else { return nil }
        return entry.value as? Value
    }

    func remember<Value: Sendable>(_ value: Value, route: String, bytes: [UInt8]) {
        entries.remember((bytes, value), for: "\(route) \(Value.self)")
    }
}
