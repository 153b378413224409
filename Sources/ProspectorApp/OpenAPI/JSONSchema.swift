import Foundation

/// A JSON value built in code, for the OpenAPI document.
indirect enum Doc: Encodable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([Doc])
    case object([(String, Doc)])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .int(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .double(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .bool(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try c.encode(value, forKey: Key(key)) }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// JSON Schema (OpenAPI 3.1 dialect) helpers.
enum Schema {
    static func string(
        min: Int = 0, max: Int? = nil, format: String? = nil, pattern: String? = nil, enumeration: [String]? = nil,
        nullable: Bool = false
    ) -> Doc {
        var pairs: [(String, Doc)] = [("type", nullable ? .array([.string("string"), .string("null")]) : .string("string"))]
        if min > 0 { pairs.append(("minLength", .int(min))) }
        if let max { pairs.append(("maxLength", .int(max))) }
        if let format { pairs.append(("format", .string(format))) }
        if let pattern { pairs.append(("pattern", .string(pattern))) }
        if let enumeration { pairs.append(("enum", .array(enumeration.map(Doc.string) + (nullable ? [.string("null")] : [])))) }
        return .object(pairs)
    }

    static func integer(min: Int? = nil, max: Int? = nil, nullable: Bool = false) -> Doc {
        var pairs: [(String, Doc)] = [("type", nullable ? .array([.string("integer"), .string("null")]) : .string("integer"))]
        if let min { pairs.append(("minimum", .int(min))) }
        if let max { pairs.append(("maximum", .int(max))) }
        return .object(pairs)
    }

    static func number(min: Double? = nil, exclusiveMax: Double? = nil, nullable: Bool = false) -> Doc {
        var pairs: [(String, Doc)] = [("type", nullable ? .array([.string("number"), .string("null")]) : .string("number"))]
        if let min { pairs.append(("minimum", .double(min))) }
        if let exclusiveMax { pairs.append(("exclusiveMaximum", .double(exclusiveMax))) }
        return .object(pairs)
    }

    static func boolean(nullable: Bool = false) -> Doc {
        .object([("type", nullable ? .array([.string("boolean"), .string("null")]) : .string("boolean"))])
    }

    static func array(_ items: Doc, min: Int = 0, max: Int? = nil) -> Doc {
        var pairs: [(String, Doc)] = [("type", .string("array")), ("items", items)]
        if min > 0 { pairs.append(("minItems", .int(min))) }
        if let max { pairs.append(("maxItems", .int(max))) }
        return .object(pairs)
    }

    /// An object; `required` lists the properties that must be present.
    static func object(_ properties: [(String, Doc)], required: [String] = [], additional: Doc? = nil) -> Doc {
        var pairs: [(String, Doc)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map(Doc.string)))) }
        if let additional { pairs.append(("additionalProperties", additional)) }
        return .object(pairs)
    }

    static func ref(_ name: String) -> Doc { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    /// Any JSON value.
    static let any: Doc = .object([])
}
