import Foundation

/// Any JSON value: what ``LenientDecoding`` repairs in place before decoding again, and how the API shows JSON it
/// stores as text (job progress and results, audit details, Apollo's raw records).
public enum JSONNode: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    /// The JSON in `text`; text that is not JSON is kept as a string, and nil is `null`.
    public init(text: String?) {
        guard let text, let value = try? JSONDecoder().decode(JSONNode.self, from: Data(text.utf8)) else {
            self = text.map { .string($0) } ?? .null
            return
        }
        self = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONNode].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// One step of a decoding path: a member (by its decoded, camelCase name) or an array element.
    enum Step: Equatable {
        case member(String)
        case element(Int)

        init(_ key: any CodingKey) {
            self = key.intValue.map(Step.element) ?? .member(key.stringValue)
        }
    }

    /// The key of this object that decodes as `name`: itself, or its snake_case spelling.
    func memberKey(_ name: String) -> String? {
        guard case .object(let members) = self else { return nil }
        if members[name] != nil { return name }
        let folded = name.lowercased()
        return members.keys.first { $0.replacingOccurrences(of: "_", with: "").lowercased() == folded }
    }

    /// Calls `body` with every node at `path`, where an element step matches every element when `everyElement`.
    mutating func visit(_ path: ArraySlice<Step>, everyElement: Bool, _ body: (inout JSONNode) -> Void) {
        guard let step = path.first else {
            body(&self)
            return
        }
        let rest = path.dropFirst()
        switch (step, self) {
        case (.member(let name), .object(var members)):
            guard let key = memberKey(name) else { return }
            self = .null
            members[key]?.visit(rest, everyElement: everyElement, body)
            self = .object(members)
        case (.element(let index), .array(var elements)):
            let indices = everyElement ? Array(elements.indices) : (elements.indices.contains(index) ? [index] : [])
            self = .null
            for position in indices { elements[position].visit(rest, everyElement: everyElement, body) }
            self = .array(elements)
        default:
            return
        }
    }

    /// Removes the member or element `step` names from this object or array; false when there is none.
    mutating func remove(_ step: Step) -> Bool {
        switch (step, self) {
        case (.member(let name), .object(var members)):
            guard let key = memberKey(name) else { return false }
            members[key] = nil
            self = .object(members)
            return true
        case (.element(let index), .array(var elements)) where elements.indices.contains(index):
            elements.remove(at: index)
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}
