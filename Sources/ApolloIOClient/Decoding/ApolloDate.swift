import Foundation

/// Parses the ISO-8601 flavours Apollo mixes (CONTRACT §3.2): with or without fractional seconds,
/// `Z` or `±hh:mm`, and plain `YYYY-MM-DD` dates.
public enum ApolloDate {
    /// Returns nil for text that is none of the accepted forms.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10,
            let year = number(bytes, 0, 4), bytes[4] == dash,
            let month = number(bytes, 5, 2), bytes[7] == dash,
            let day = number(bytes, 8, 2)
        else { return nil }
        var components = DateComponents(calendar: calendar, timeZone: utc, year: year, month: month, day: day)
        var offsetSeconds = 0
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 19,
                let hour = number(bytes, 11, 2), bytes[13] == colon,
                let minute = number(bytes, 14, 2), bytes[16] == colon,
                let second = number(bytes, 17, 2)
            else { return nil }
            components.hour = hour
            components.minute = minute
            components.second = second
            var index = 19
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                let start = index + 1
                index = start
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                let digits = String(decoding: bytes[start..<min(index, start + 9)], as: UTF8.self)
                let padded = digits.padding(toLength: 9, withPad: "0", startingAt: 0)
                components.nanosecond = Int(padded)
            }
            guard let offset = zoneOffset(bytes, from: index) else { return nil }
            offsetSeconds = offset
        }
        guard components.isValidDate, let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }

    /// Formats a date the way Apollo's newest responses do: `2024-09-12T20:13:53.207Z`.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    private static func zoneOffset(_ bytes: [UInt8], from index: Int) -> Int? {
        if index == bytes.count { return 0 }
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count { return 0 }
        let sign: Int
        switch bytes[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let rest = Array(bytes[(index + 1)...]).filter { $0 != colon }
        guard rest.count == 4 || rest.count == 2, let hours = number(rest, 0, 2) else { return nil }
        let minutes = rest.count == 4 ? number(rest, 2, 2) ?? 0 : 0
        return sign * (hours * 3600 + minutes * 60)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + length)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static let dash = UInt8(ascii: "-")
    private static let colon = UInt8(ascii: ":")
    private static let utc = TimeZone(identifier: "UTC")!
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }()
}
