import ApolloIOClient
import OpenAPIKit

/// Short spellings of OpenAPIKit's JSON Schema (OpenAPI 3.1 dialect) for the component tables.
enum Schema {
    static func string(
        min: Int = 0, max: Int? = nil, format: JSONTypeFormat.StringFormat = .unspecified, pattern: String? = nil,
        enumeration: [String]? = nil, nullable: Bool = false
    ) -> JSONSchema {
        .string(
            format: format, nullable: nullable, minLength: min > 0 ? min : nil, maxLength: max, pattern: pattern,
            allowedValues: enumeration.map { $0.map(AnyCodable.init) })
    }

    static func integer(min: Int? = nil, max: Int? = nil, nullable: Bool = false) -> JSONSchema {
        .integer(nullable: nullable, maximum: max.map { ($0, exclusive: false) }, minimum: min.map { ($0, exclusive: false) })
    }

    static func number(min: Double? = nil, exclusiveMax: Double? = nil, nullable: Bool = false) -> JSONSchema {
        .number(nullable: nullable, maximum: exclusiveMax.map { ($0, exclusive: true) }, minimum: min.map { ($0, exclusive: false) })
    }

    static func boolean(nullable: Bool = false) -> JSONSchema {
        .boolean(nullable: nullable)
    }

    static func array(_ items: JSONSchema, min: Int = 0, max: Int? = nil) -> JSONSchema {
        .array(minItems: min > 0 ? min : nil, maxItems: max, items: items)
    }

    /// An object; `required` lists the properties that must be present; `closed` allows no other property.
    static func object(_ properties: [(String, JSONSchema)], required: [String] = [], additional: JSONSchema? = nil, closed: Bool = false)
        -> JSONSchema
    {
        var members = OrderedDictionary<String, JSONSchema>()
        for (name, schema) in properties {
            members[name] = required.contains(name) ? schema.requiredSchemaObject() : schema.optionalSchemaObject()
        }
        return .object(properties: members, additionalProperties: closed ? .a(false) : additional.map { .b($0) })
    }

    /// A reference to a schema of the components.
    static func ref(_ name: String) -> JSONSchema { .reference(.component(named: name)) }

    /// Any JSON value.
    static let any: JSONSchema = .fragment

    /// A request body's schema as the server reads it: an optional member sent as `null` is the member left out (Swift's
    /// decoding reads both as absent), so the document says `null` is allowed there. Required members stay non-null.
    static func nullingOptionals(_ schema: JSONSchema) -> JSONSchema {
        switch schema.value {
        case .object(let core, let object):
            var properties = OrderedDictionary<String, JSONSchema>()
            for (name, property) in object.properties {
                let inner = nullingOptionals(property)
                guard !property.required else {
                    properties[name] = inner
                    continue
                }
                switch inner.value {
                case .reference, .one, .any, .all, .not:
                    properties[name] = JSONSchema.any(of: [inner, .null()]).optionalSchemaObject()
                // An enumeration lists its values: `null` is not among them however the type is widened.
                case _ where inner.allowedValues != nil:
                    properties[name] = JSONSchema.any(of: [inner, .null()]).optionalSchemaObject()
                default:
                    properties[name] = inner.nullableSchemaObject().optionalSchemaObject()
                }
            }
            return JSONSchema(
                schema: .object(
                    core,
                    .init(
                        properties: properties, patternProperties: object.patternProperties, additionalProperties: object.additionalProperties,
                        maxProperties: object.maxProperties, minProperties: object.minProperties)))
        case .all(let schemas, let core): return JSONSchema(schema: .all(of: schemas.map(nullingOptionals), core: core))
        case .one(let schemas, let core): return JSONSchema(schema: .one(of: schemas.map(nullingOptionals), core: core))
        case .any(let schemas, let core): return JSONSchema(schema: .any(of: schemas.map(nullingOptionals), core: core))
        default: return schema
        }
    }

    /// Text the server accepts (``Check/text(_:_:required:max:)``): 1 to `max` characters, one of them visible.
    static func text(max: Int = 500) -> JSONSchema { string(min: 1, max: max, pattern: Check.visiblePattern) }

    /// An Apollo id as the server checks it (``Check/apolloID(_:_:required:)``).
    static let apolloID = string(min: 24, max: 24, pattern: ApolloID.pattern)

    /// A list of Apollo ids.
    static func apolloIDs(min: Int = 0) -> JSONSchema { array(apolloID, min: min, max: 100) }

    /// An email as the server checks it (`EmailAddressNormalizer.isPlausible`).
    static let email = string(min: 3, max: 320, pattern: EmailAddressNormalizer.plausiblePattern)
}
