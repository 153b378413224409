import Foundation

/// Encodes request values as a Rails-style query string: `key[]=a&key[]=b`, `range[min]=1` (CONTRACT §1.1).
enum QueryEncoding {
    static func items<T: Encodable>(from value: T) throws -> [(String, String)] {
        let data = try ApolloCoding.makeEncoder().encode(value)
        guard case .object(let members) = try JSONDecoder().decode(JSONNode.self, from: data) else { return [] }
        var items: [(String, String)] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            flatten(member, name: key, into: &items)
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

    /// Adds `node`'s leaves to `items` under Rails-style names (`name[]`, `name[key]`); decoded as a ``JSONNode``, the
    /// encoded request still tells booleans from numbers.
    private static func flatten(_ node: JSONNode, name: String, into items: inout [(String, String)]) {
        switch node {
        case .null: break
        case .bool(let value): items.append((name, value ? "true" : "false"))
        case .int(let value): items.append((name, String(value)))
        case .double(let value): items.append((name, String(value)))
        case .string(let value): items.append((name, value))
        case .array(let elements):
            for element in elements { flatten(element, name: name + "[]", into: &items) }
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                flatten(member, name: "\(name)[\(key)]", into: &items)
            }
        }
    }
}
