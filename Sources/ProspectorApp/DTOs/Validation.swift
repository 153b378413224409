import Foundation

/// Range and shape checks for request bodies, each failure naming its field.
enum Check {
    static func range(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) throws(APIError) {
        guard let value else { return }
        guard range.contains(value) else { throw .invalid(field, "must be between \(range.lowerBound) and \(range.upperBound)") }
    }

    static func list(_ values: [String]?, _ field: String, max: Int = 100) throws(APIError) {
        guard let values else { return }
        guard values.count <= max else { throw .invalid(field, "may hold at most \(max) entries") }
        for (index, value) in values.enumerated() where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > 500 {
            throw .invalid("\(field)[\(index)]", "must be a non-empty string of at most 500 characters")
        }
    }

    static func text(_ value: String?, _ field: String, required: Bool = false, max: Int = 500) throws(APIError) {
        guard let value else {
            if required { throw .invalid(field, "is required") }
            return
        }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty, value.count <= max else {
            throw .invalid(field, "must be a non-empty string of at most \(max) characters")
        }
    }

    static func email(_ value: String?, _ field: String) throws(APIError) {
        guard let value else { return }
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: "@")
        guard parts.count == 2, parts[1].contains("."), value.count <= 320 else { throw .invalid(field, "must be an email address") }
    }

    static func date(_ value: String?, _ field: String) throws(APIError) {
        guard let value else { return }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard value.count == 10, formatter.date(from: value) != nil else { throw .invalid(field, "must be a date YYYY-MM-DD") }
    }
}

/// Any JSON value, for job progress and results (stored as JSON text, shown as JSON).
indirect enum AnyJSON: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(text: String?) {
        guard let text, let value = try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8)) else {
            self = text.map { .string($0) } ?? .null
            return
        }
        self = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
