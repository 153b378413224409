import Foundation

/// Encodes request values as a Rails-style query string: `key[]=a&key[]=b`, `range[min]=1` (CONTRACT §1.1).
enum QueryEncoding {
    static func items<T: Encodable>(from value: T) throws -> [(String, String)] {
        let data = try ApolloCoding.makeEncoder().encode(value)
        guard case .object(let members) = try JSONDecoder().decode(Tree.self, from: data) else { return [] }
        var items: [(String, String)] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            member.flatten(name: key, into: &items)
        }
        return items
    }

    static func string(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~[]")
        return set
    }()

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The shape of an encoded request, enough to tell booleans from numbers.
    private enum Tree: Decodable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case array([Tree])
        case object([String: Tree])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Tree].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Tree].self))
            }
        }

        func flatten(name: String, into items: inout [(String, String)]) {
            switch self {
            case .null: break
            case .bool(let value): items.append((name, value ? "true" : "false"))
            case .integer(let value): items.append((name, String(value)))
            case .number(let value): items.append((name, String(value)))
            case .string(let value): items.append((name, value))
            case .array(let elements):
                for element in elements { element.flatten(name: name + "[]", into: &items) }
            case .object(let members):
                for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                    member.flatten(name: "\(name)[\(key)]", into: &items)
                }
            }
        }
    }
}
