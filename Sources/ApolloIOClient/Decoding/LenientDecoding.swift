import Foundation

/// Decodes Apollo's answers even when a field's type is not the documented one, so that one odd record never fails
/// the page or the call it came in.
///
/// The first decode is the plain one (no cost on well-typed answers). When it fails, the body is parsed into a
/// ``JSONNode`` tree and repaired where the decoder stopped, then decoded again, until it decodes:
/// - where the meaning is clear the value is converted: a number sent as a string (`"30000"`), a string for a number,
///   a boolean as `"true"`/`"false"`/`0`/`1`, `null` where a list is expected (an empty list);
/// - otherwise the field is dropped for that record; a record that cannot do without it is dropped from its list.
/// A repair found at one record is applied at the same place in every sibling record (one pass per field, not per
/// record). Each repair is reported with its path (field names only, never values) for metrics and logs.
public enum LenientDecoding {
    /// One change made to an answer before it decoded.
    public struct Repair: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// A value converted to the expected type.
            case converted
            /// A field removed from a record.
            case droppedField = "dropped_field"
            /// A record removed from its list.
            case droppedRecord = "dropped_record"
        }

        public var kind: Kind
        /// Where, by field names, with `[]` for list elements: `opportunities[].amount`.
        public var path: String
        /// How many values it changed.
        public var count: Int
    }

    /// Repairs stop after this many passes (one per distinct field path; records keyed by name, such as usage
    /// statistics, have a path each): an answer that still does not decode is not Apollo's data.
    static let maxPasses = 2_000

    /// Decodes `data` as `T`, repairing it as the type's documentation says; throws the first decoding error when the
    /// body is not JSON or cannot be repaired.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder) throws -> (value: T, repairs: [Repair]) {
        let firstError: any Error
        do {
            return (try decoder.decode(T.self, from: data), [])
        } catch {
            firstError = error
        }
        guard var tree = try? JSONDecoder().decode(JSONNode.self, from: data) else { throw firstError }
        var repairs: [Repair] = []
        let encoder = JSONEncoder()
        for _ in 0..<maxPasses {
            do {
                return (try decoder.decode(T.self, from: try encoder.encode(tree)), repairs)
            } catch let error as DecodingError {
                guard let repair = repair(&tree, for: error) else { throw firstError }
                repairs.append(repair)
            }
        }
        throw firstError
    }

    private static func repair(_ tree: inout JSONNode, for error: DecodingError) -> Repair? {
        switch error {
        case .typeMismatch(let expected, let context):
            let path = context.codingPath.map(JSONNode.Step.init)
            if let converted = convertEverywhere(&tree, at: path, to: expected) { return converted }
            return dropField(&tree, at: path)
        case .valueNotFound(let expected, let context):
            let path = context.codingPath.map(JSONNode.Step.init)
            if String(describing: expected).hasPrefix("Array") {
                let count = replaceEverywhere(&tree, at: path) { $0 == .null ? .array([]) : nil }
                if count > 0 { return Repair(kind: .converted, path: describe(path), count: count) }
            }
            return dropField(&tree, at: path)
        case .keyNotFound(_, let context):
            return dropRecord(&tree, containing: context.codingPath.map(JSONNode.Step.init))
        case .dataCorrupted(let context):
            // An unreadable value (a date, an id) says nothing about the same field of other records.
            return dropField(&tree, at: context.codingPath.map(JSONNode.Step.init), inSiblings: false)
        @unknown default:
            return nil
        }
    }

    /// Converts the value at `path`, and at the same place in every sibling record, to `expected` where that is clear.
    private static func convertEverywhere(_ tree: inout JSONNode, at path: [JSONNode.Step], to expected: Any.Type) -> Repair? {
        let count = replaceEverywhere(&tree, at: path) { convert($0, to: expected) }
        return count > 0 ? Repair(kind: .converted, path: describe(path), count: count) : nil
    }

    private static func replaceEverywhere(_ tree: inout JSONNode, at path: [JSONNode.Step], _ replacement: (JSONNode) -> JSONNode?) -> Int {
        var count = 0
        tree.visit(path[...], everyElement: true) { node in
            guard let replaced = replacement(node) else { return }
            node = replaced
            count += 1
        }
        return count
    }

    static func convert(_ value: JSONNode, to expected: Any.Type) -> JSONNode? {
        switch (value, expected) {
        case (.string(let text), is Bool.Type):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: return nil
            }
        case (.int(let number), is Bool.Type) where number == 0 || number == 1:
            return .bool(number == 1)
        case (.string(let text), let type) where type is any BinaryInteger.Type:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int64(trimmed) { return .int(number) }
            guard let number = Double(trimmed), number.rounded() == number, abs(number) < 1e15 else { return nil }
            return .int(Int64(number))
        case (.string(let text), let type) where type is any BinaryFloatingPoint.Type || type is Decimal.Type:
            return Double(text.trimmingCharacters(in: .whitespaces)).map(JSONNode.double)
        case (.int(let number), is String.Type):
            return .string(String(number))
        case (.double(let number), is String.Type):
            return .string(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case (.bool(let flag), is String.Type):
            return .string(flag ? "true" : "false")
        default:
            return nil
        }
    }

    /// Removes the field at `path` from its record and, `inSiblings`, from every sibling record whose field has the
    /// same JSON kind (which fails the same way).
    private static func dropField(_ tree: inout JSONNode, at path: [JSONNode.Step], inSiblings: Bool = true) -> Repair? {
        guard let last = path.last else { return nil }
        var offending: JSONNode?
        tree.visit(path[...], everyElement: false) { offending = $0 }
        guard let offending else { return nil }
        guard case .member = last else { return dropRecord(&tree, containing: path) }
        var count = 0
        tree.visit(path.dropLast(), everyElement: inSiblings) { record in
            var value: JSONNode?
            if let key = record.memberKey(stepName(last)), case .object(let members) = record { value = members[key] }
            guard let value, sameKind(value, offending), record.remove(last) else { return }
            count += 1
        }
        return count > 0 ? Repair(kind: .droppedField, path: describe(path), count: count) : nil
    }

    /// Removes the innermost list element that contains `path`; nil when no list contains it (the answer itself).
    private static func dropRecord(_ tree: inout JSONNode, containing path: [JSONNode.Step]) -> Repair? {
        guard let position = path.lastIndex(where: { if case .element = $0 { true } else { false } }) else { return nil }
        var removed = false
        tree.visit(path[..<position], everyElement: false) { list in removed = list.remove(path[position]) }
        return removed ? Repair(kind: .droppedRecord, path: describe(Array(path[...position])), count: 1) : nil
    }

    private static func stepName(_ step: JSONNode.Step) -> String {
        if case .member(let name) = step { return name }
        return ""
    }

    private static func sameKind(_ left: JSONNode, _ right: JSONNode) -> Bool {
        switch (left, right) {
        case (.null, .null), (.bool, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.int, .int), (.double, .double), (.int, .double), (.double, .int): true
        default: false
        }
    }

    /// `opportunities[].amount`: field names only, never values.
    static func describe(_ path: [JSONNode.Step]) -> String {
        path.reduce(into: "") { text, step in
            switch step {
            case .member(let name): text += text.isEmpty ? name : ".\(name)"
            case .element: text += "[]"
            }
        }
    }
}
