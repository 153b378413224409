/// `has_direct_phone` on people search results: `"Yes"`, `"Maybe: …"`, or (observed) a boolean.
public enum DirectPhoneAvailability: Sendable, Hashable, Codable {
    case yes
    case no
    /// Apollo may have one; the text says how to request it.
    case maybe(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .yes : .no
            return
        }
        let text = try container.decode(String.self)
        switch text.lowercased() {
        case "yes", "true": self = .yes
        case "no", "false", "": self = .no
        default: self = .maybe(text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .yes: try container.encode("Yes")
        case .no: try container.encode(false)
        case .maybe(let text): try container.encode(text)
        }
    }
}
