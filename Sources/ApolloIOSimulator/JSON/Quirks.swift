/// The odd field types Apollo's answers sometimes carry, served on every route when
/// ``SimulatorConfiguration/quirks`` is on: every number and boolean becomes a string, every string of digits a
/// number, every empty list `null`. The meaning of each value stays recoverable (a string of digits with a leading
/// zero, such as a postal code, is left alone), so a client that reads them leniently sees the same data.
enum Quirks {
    static func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .int(let number): .string(String(number))
        case .double(let number): .string(String(number))
        case .bool(let flag): .string(flag ? "true" : "false")
        case .string(let text) where isPlainNumber(text): .int(Int64(text)!)
        case .array(let elements) where elements.isEmpty: .null
        case .array(let elements): .array(elements.map(apply))
        case .object(let members): .object(members.mapValues(apply))
        default: value
        }
    }

    /// Digits only, no leading zero, short enough to survive as a JSON number.
    private static func isPlainNumber(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.count <= 15 else { return false }
        return text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
