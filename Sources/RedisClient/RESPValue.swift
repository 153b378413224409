import NIOCore

/// One value of Redis's wire protocol (RESP2): what a server answers.
public enum RESPValue: Sendable, Equatable {
    case simpleString(String)
    /// An error reply (`-ERR …`): the server refused the command; the connection stays usable.
    case error(String)
    case integer(Int64)
    /// A bulk string; nil is RESP's null bulk string (`$-1`).
    case bulkString([UInt8]?)
    /// An array; nil is RESP's null array (`*-1`, e.g. a blocking pop that timed out).
    case array([RESPValue]?)

    /// The value as text: a simple or bulk string, or an integer in decimal; nil otherwise.
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes?): String(decoding: bytes, as: UTF8.self)
        case .integer(let number): String(number)
        default: nil
        }
    }

    /// The value as an integer: an integer reply, or a string of digits.
    public var int: Int64? {
        switch self {
        case .integer(let number): number
        default: string.flatMap { Int64($0) }
        }
    }

    /// The elements of an array reply; nil for anything else or a null array.
    public var array: [RESPValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A flat array of field/value pairs (HGETALL's answer) as a dictionary of strings.
    public var fields: [String: String] {
        guard let elements = array else { return [:] }
        var result: [String: String] = [:]
        var index = 0
        while index + 1 < elements.count {
            if let key = elements[index].string { result[key] = elements[index + 1].string }
            index += 2
        }
        return result
    }

    /// Whether this is a null reply (null bulk string or null array).
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): true
        default: false
        }
    }
}

/// An argument of a command, sent as a bulk string.
public protocol RESPArgument: Sendable {
    /// The bytes sent for this argument.
    var respBytes: [UInt8] { get }
}

extension String: RESPArgument {
    public var respBytes: [UInt8] { Array(utf8) }
}

extension Int: RESPArgument {
    public var respBytes: [UInt8] { Array(String(self).utf8) }
}

extension Int64: RESPArgument {
    public var respBytes: [UInt8] { Array(String(self).utf8) }
}

extension Double: RESPArgument {
    public var respBytes: [UInt8] { Array((rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)).utf8) }
}

extension Array: RESPArgument where Element == UInt8 {
    public var respBytes: [UInt8] { self }
}
