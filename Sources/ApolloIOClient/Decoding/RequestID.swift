/// Apollo's asynchronous-enrichment request id: a signed 64-bit integer, often negative and beyond 2^53.
///
/// It is a JSON number in enrichment responses and a string in `webhook_result` responses (CONTRACT §3.1);
/// it is never routed through `Double`, so every digit survives.
public struct RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            guard let parsed = Int64(string.trimmingCharacters(in: .whitespaces)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "request_id \(string) is not a 64-bit integer")
            }
            value = parsed
        } else {
            value = try container.decode(Int64.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { String(value) }
}
