import Foundation

/// An integer Apollo sends either as a JSON number or as a string (`page`, `per_page`: echoed as sent).
public struct FlexibleInt: Sendable, Hashable, Codable, ExpressibleByIntegerLiteral {
    public var value: Int

    public init(_ value: Int) { self.value = value }
    public init(integerLiteral value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            value = int
        } else if let string = try? container.decode(String.self), let int = Int(string.trimmingCharacters(in: .whitespaces)) {
            value = int
        } else if let double = try? container.decode(Double.self), double.rounded() == double, abs(double) < 1e15 {
            value = Int(double)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer or an integer string")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
