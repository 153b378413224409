import Foundation
import NIOCore
import RedisClient
import Testing

/// The parser fuzzed with a seeded generator (the same cases every run; `RESP_FUZZ_SEED` picks others): random
/// values round-trip, and random bytes or mutated values never crash it — they parse, ask for more, or are refused
/// with a ``RESPParseError``.
@Suite struct RESPFuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["RESP_FUZZ_SEED"] ?? "") ?? 20_261_130 }

    static func randomValue(_ random: inout Generator, depth: Int = 0) -> RESPValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &random) {
        case 0: return .simpleString(String((0..<Int.random(in: 0..<12, using: &random)).map { _ in "abcXYZ 09-:".randomElement(using: &random)! }))
        case 1: return .error("ERR " + String(Int.random(in: 0..<1_000, using: &random)))
        case 2: return .integer(Int64.random(in: .min ... .max, using: &random))
        case 3: return .bulkString((0..<Int.random(in: 0..<40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 4: return Bool.random(using: &random) ? .bulkString(nil) : .array(nil)
        default: return .array((0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        }
    }

    @Test func randomValues_roundTrip() throws {
        var random = Generator(state: Self.seed)
        for _ in 0..<5_000 {
            let value = Self.randomValue(&random)
            var buffer = ByteBuffer()
            RESPEncoder.value(value, into: &buffer)
            #expect(try RESPParser.parse(&buffer) == value)
        }
    }

    @Test func randomAndMutatedBytes_neverCrashTheParser() {
        var random = Generator(state: Self.seed ^ 0xFF)
        var outcomes = (parsed: 0, needMore: 0, refused: 0)
        for round in 0..<20_000 {
            var buffer = ByteBuffer()
            if round % 2 == 0 {
                RESPEncoder.value(Self.randomValue(&random), into: &buffer)
                var bytes = Array(buffer.readableBytesView)
                for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                buffer = ByteBuffer(bytes: bytes)
            } else {
                buffer.writeBytes(
                    (0..<Int.random(in: 0..<30, using: &random)).map { _ in Array("+-:$*\r\n0123456789-abc".utf8).randomElement(using: &random)! })
            }
            do {
                while buffer.readableBytes > 0, try RESPParser.parse(&buffer) != nil { outcomes.parsed += 1 }
                outcomes.needMore += 1
            } catch {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.parsed > 0 && outcomes.needMore > 0 && outcomes.refused > 0, "the fuzz reached every outcome: \(outcomes)")
    }
}
