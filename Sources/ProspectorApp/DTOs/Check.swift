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
        for (index, value) in values.enumerated() where !hasVisible(value) || value.unicodeScalars.count > 500 {
            throw .invalid("\(field)[\(index)]", "must be a string of at most 500 characters with a visible one")
        }
    }

    static func text(_ value: String?, _ field: String, required: Bool = false, max: Int = 500) throws(APIError) {
        guard let value else {
            if required { throw .invalid(field, "is required") }
            return
        }
        guard hasVisible(value), value.unicodeScalars.count <= max else {
            throw .invalid(field, "must be a string of at most \(max) characters with a visible one")
        }
    }

    /// What the document's text fields require, as a JSON Schema pattern: a character that is not a control, a space
    /// or a no-break space (the same ranges ``hasVisible(_:)`` tests, so the document and the server agree exactly).
    static let visiblePattern = "[^\\x00-\\x20\\x7F-\\xA0]"

    static func hasVisible(_ value: String) -> Bool {
        value.unicodeScalars.contains { !(0x00...0x20).contains($0.value) && !(0x7F...0xA0).contains($0.value) }
    }

    /// An Apollo id (``ApolloID``); a malformed one is refused before Apollo is called.
    static func apolloID(_ value: String?, _ field: String, required: Bool = false) throws(APIError) {
        guard let value else {
            if required { throw .invalid(field, "is required") }
            return
        }
        guard ApolloID.isWellFormed(value) else { throw .invalid(field, "must be an Apollo id: 24 lowercase hex characters") }
    }

    static func apolloIDs(_ values: [String]?, _ field: String, max: Int = 100) throws(APIError) {
        guard let values else { return }
        guard values.count <= max else { throw .invalid(field, "may hold at most \(max) entries") }
        for (index, value) in values.enumerated() { try apolloID(value, "\(field)[\(index)]") }
    }

    static func email(_ value: String?, _ field: String) throws(APIError) {
        guard let value else { return }
        guard EmailAddressNormalizer.isPlausible(value) else { throw .invalid(field, "must be an email address") }
    }

    /// ``date(_:_:)`` as a JSON Schema pattern.
    static let datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

    /// A date `YYYY-MM-DD` with a month 01–12 and a day 01–31 (the document's pattern; Apollo judges the calendar).
    static func date(_ value: String?, _ field: String) throws(APIError) {
        guard let value else { return }
        let digits = Array(value.utf8)
        func number(_ range: Range<Int>) -> Int? {
            digits[range].allSatisfy { (48...57).contains($0) } ? Int(String(decoding: digits[range], as: UTF8.self)) : nil
        }
        guard digits.count == 10, digits[4] == 45, digits[7] == 45, number(0..<4) != nil, let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...31).contains(day)
        else { throw .invalid(field, "must be a date YYYY-MM-DD") }
    }
}
