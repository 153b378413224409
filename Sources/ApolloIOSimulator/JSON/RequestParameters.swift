import Foundation

/// Every parameter of a request, from the query string (Rails bracket notation) and the JSON body merged;
/// the body wins on conflict (CONTRACT §1.1).
public struct RequestParameters: Sendable {
    public private(set) var values: [String: JSONValue]

    public init(values: [String: JSONValue] = [:]) {
        self.values = values
    }

    /// Merges a raw query string and a JSON body.
    /// - Throws: ``SimulatorRequestError/malformedBody`` when the body is not a JSON object.
    public init(query: String?, body: Data?) throws(SimulatorRequestError) {
        var merged = Self.parseQuery(query ?? "")
        if let body, !body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
                throw .malformedBody
            }
            merged.merge(members) { _, fromBody in fromBody }
        }
        values = merged
    }

    public subscript(key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    public func string(_ key: String) -> String? {
        guard let text = self[key]?.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    public func strings(_ key: String) -> [String] {
        (self[key]?.arrayValue ?? []).compactMap { $0.stringValue }.filter { !$0.isEmpty }
    }

    public func int(_ key: String) -> Int? { self[key]?.intValue }

    /// Copies a text parameter into a record: a sent value overwrites, an empty one clears, an absent key leaves it.
    public func assign<Root>(_ key: String, to root: inout Root, at field: WritableKeyPath<Root, String?>) {
        guard let value = values[key] else { return }
        let text = value.stringValue ?? ""
        root[keyPath: field] = text.isEmpty ? nil : text
    }

    public func bool(_ key: String) -> Bool { self[key]?.boolValue ?? false }

    /// `{min, max}` from either a nested object or `name[min]` query keys.
    public func range(_ key: String) -> (min: Double?, max: Double?)? {
        guard let value = self[key] else { return nil }
        return (value["min"]?.doubleValue, value["max"]?.doubleValue)
    }

    static func parseQuery(_ query: String) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = JSONValue.string(parts.count > 1 ? decode(parts[1]) : "")
            if name.hasSuffix("[]") {
                let base = String(name.dropLast(2))
                if case .array(let existing)? = result[base] { result[base] = .array(existing + [value]) } else { result[base] = .array([value]) }
            } else if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
                let base = String(name[..<open])
                let member = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                var object: [String: JSONValue] = [:]
                if case .object(let existing)? = result[base] { object = existing }
                object[member] = value
                result[base] = .object(object)
            } else {
                result[name] = value
            }
        }
        return result
    }

    private static func decode(_ text: Substring) -> String {
        let plusAsSpace = text.replacingOccurrences(of: "+", with: " ")
        return plusAsSpace.removingPercentEncoding ?? plusAsSpace
    }
}

/// A request the simulator could not read at all.
public enum SimulatorRequestError: Error, Sendable {
    case malformedBody
}
