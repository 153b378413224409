import ApolloIOClient
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
        guard EmailAddressNormalizer.isPlausible(value) else { throw .invalid(field, "must be an email address") }
    }

    static func date(_ value: String?, _ field: String) throws(APIError) {
        guard let value else { return }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard value.count == 10, formatter.date(from: value) != nil else { throw .invalid(field, "must be a date YYYY-MM-DD") }
    }
}
