import NIOCore

/// Why bytes from a server are not RESP.
public enum RESPParseError: Error, Equatable, Sendable {
    case unknownType(UInt8)
    case badLength(String)
    case badInteger(String)
    case missingTerminator
    case tooDeep
}

/// Reads RESP2 values out of a buffer as they arrive: ``parse(_:)`` returns nil until a whole value is there, and
/// moves the reader past it only then.
public enum RESPParser {
    /// Arrays nest at most this deep; a deeper reply is refused rather than recursed into.
    public static let maxDepth = 64
    /// A bulk string or array longer than this is refused (Redis's own limit is 512 MB).
    public static let maxLength = 512 * 1024 * 1024

    /// The next whole value, or nil when more bytes are needed (the reader index is then unchanged).
    public static func parse(_ buffer: inout ByteBuffer) throws(RESPParseError) -> RESPValue? {
        var copy = buffer
        guard let value = try parseValue(&copy, depth: 0) else { return nil }
        buffer = copy
        return value
    }

    private static func parseValue(_ buffer: inout ByteBuffer, depth: Int) throws(RESPParseError) -> RESPValue? {
        guard depth <= maxDepth else { throw .tooDeep }
        guard let type = buffer.readInteger(as: UInt8.self) else { return nil }
        switch type {
        case UInt8(ascii: "+"): return try line(&buffer).map(RESPValue.simpleString)
        case UInt8(ascii: "-"): return try line(&buffer).map(RESPValue.error)
        case UInt8(ascii: ":"):
            guard let text = try line(&buffer) else { return nil }
            guard let number = Int64(text) else { throw .badInteger(text) }
            return .integer(number)
        case UInt8(ascii: "$"):
            guard let length = try length(&buffer) else { return nil }
            guard length >= 0 else { return .bulkString(nil) }
            guard buffer.readableBytes >= length + 2 else { return nil }
            let bytes = buffer.readBytes(length: length) ?? []
            guard buffer.readInteger(as: UInt16.self) == 0x0D0A else { throw .missingTerminator }
            return .bulkString(bytes)
        case UInt8(ascii: "*"):
            guard let count = try length(&buffer) else { return nil }
            guard count >= 0 else { return .array(nil) }
            var elements: [RESPValue] = []
            elements.reserveCapacity(min(count, 1024))
            for _ in 0..<count {
                guard let element = try parseValue(&buffer, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        default:
            throw .unknownType(type)
        }
    }

    /// The text up to CRLF, or nil when the CRLF has not arrived.
    private static func line(_ buffer: inout ByteBuffer) throws(RESPParseError) -> String? {
        let view = buffer.readableBytesView
        guard let cr = view.firstIndex(of: 0x0D) else {
            if view.count > 64 * 1024 { throw .missingTerminator }
            return nil
        }
        guard view.index(after: cr) < view.endIndex else { return nil }
        guard view[view.index(after: cr)] == 0x0A else { throw .missingTerminator }
        let text = buffer.readString(length: cr - view.startIndex) ?? ""
        buffer.moveReaderIndex(forwardBy: 2)
        return text
    }

    private static func length(_ buffer: inout ByteBuffer) throws(RESPParseError) -> Int? {
        guard let text = try line(&buffer) else { return nil }
        guard let number = Int(text), number >= -1, number <= maxLength else { throw .badLength(text) }
        return number
    }
}

/// Writes commands and values in RESP.
public enum RESPEncoder {
    /// A command: an array of bulk strings.
    public static func command(_ arguments: [any RESPArgument], into buffer: inout ByteBuffer) {
        buffer.writeString("*\(arguments.count)\r\n")
        for argument in arguments {
            let bytes = argument.respBytes
            buffer.writeString("$\(bytes.count)\r\n")
            buffer.writeBytes(bytes)
            buffer.writeString("\r\n")
        }
    }

    /// Any value, as a server would send it (used by tests and the parser's fuzzing).
    public static func value(_ value: RESPValue, into buffer: inout ByteBuffer) {
        switch value {
        case .simpleString(let text): buffer.writeString("+\(text)\r\n")
        case .error(let text): buffer.writeString("-\(text)\r\n")
        case .integer(let number): buffer.writeString(":\(number)\r\n")
        case .bulkString(nil): buffer.writeString("$-1\r\n")
        case .bulkString(let bytes?):
            buffer.writeString("$\(bytes.count)\r\n")
            buffer.writeBytes(bytes)
            buffer.writeString("\r\n")
        case .array(nil): buffer.writeString("*-1\r\n")
        case .array(let elements?):
            buffer.writeString("*\(elements.count)\r\n")
            for element in elements { self.value(element, into: &buffer) }
        }
    }
}
