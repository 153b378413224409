import NIOCore
import RedisClient
import Testing

/// RESP2 parsing: every reply type, values split anywhere across reads, and refusals of what is not RESP.
@Suite struct RESPParserTests {
    static let samples: [RESPValue] = [
        .simpleString("OK"), .error("ERR unknown command 'NOPE'"), .integer(-42), .integer(Int64.max), .bulkString(Array("héllo\r\nworld".utf8)),
        .bulkString([]), .bulkString(nil), .array(nil), .array([]),
        .array([.integer(1), .array([.bulkString(Array("a".utf8)), .array([.error("WRONGTYPE"), .bulkString(nil)])]), .simpleString("x")]),
    ]

    @Test(arguments: samples)
    func everyReplyType_roundTrips_evenFedOneByteAtATime(_ value: RESPValue) throws {
        var whole = ByteBuffer()
        RESPEncoder.value(value, into: &whole)
        var copy = whole
        #expect(try RESPParser.parse(&copy) == value && copy.readableBytes == 0)

        var partial = ByteBuffer()
        var parsed: RESPValue?
        for byte in whole.readableBytesView {
            #expect(parsed == nil, "a value is complete only with its last byte")
            partial.writeInteger(byte)
            parsed = try RESPParser.parse(&partial)
        }
        #expect(parsed == value && partial.readableBytes == 0)
    }

    @Test func twoValuesInOneRead_areReadOneAfterTheOther() throws {
        var buffer = ByteBuffer(string: "+OK\r\n:7\r\n$3\r\nab")
        #expect(try RESPParser.parse(&buffer) == .simpleString("OK"))
        #expect(try RESPParser.parse(&buffer) == .integer(7))
        #expect(try RESPParser.parse(&buffer) == nil, "the bulk string has not fully arrived")
        buffer.writeString("c\r\n")
        #expect(try RESPParser.parse(&buffer) == .bulkString(Array("abc".utf8)))
    }

    @Test(arguments: [
        ("?what\r\n", RESPParseError.unknownType(UInt8(ascii: "?"))), (":12x\r\n", .badInteger("12x")), ("$abc\r\n", .badLength("abc")),
        ("$-2\r\n", .badLength("-2")), ("$3\r\nabcXY", .missingTerminator), ("+OK\rX", .missingTerminator),
        ("*\(RESPParser.maxLength + 1)\r\n", .badLength(String(RESPParser.maxLength + 1))),
    ])
    func whatIsNotRESP_isRefusedWithItsReason(_ input: String, _ expected: RESPParseError) {
        var buffer = ByteBuffer(string: input)
        #expect(throws: expected) { try RESPParser.parse(&buffer) }
    }

    @Test func nestingPastTheLimit_isRefused_notRecursedInto() {
        var buffer = ByteBuffer(string: String(repeating: "*1\r\n", count: RESPParser.maxDepth + 2) + ":1\r\n")
        #expect(throws: RESPParseError.tooDeep) { try RESPParser.parse(&buffer) }
    }

    @Test func commandsAreArraysOfBulkStrings() {
        var buffer = ByteBuffer()
        RESPEncoder.command(["SET", "key", 42, "é"], into: &buffer)
        #expect(String(buffer: buffer) == "*4\r\n$3\r\nSET\r\n$3\r\nkey\r\n$2\r\n42\r\n$2\r\né\r\n")
    }
}

extension RESPValue: CustomTestStringConvertible {
    public var testDescription: String { "\(self)".prefix(60).description }
}
