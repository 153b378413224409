import NIOCore

/// Bytes to RESP values.
final class RESPDecoder: ByteToMessageDecoder {
    typealias InboundOut = RESPValue

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        do {
            guard let value = try RESPParser.parse(&buffer) else { return .needMoreData }
            context.fireChannelRead(wrapInboundOut(value))
            return .continue
        } catch {
            throw RedisError.protocolViolation("\(error)")
        }
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

/// Pipelining: each written command carries the promise of its answer; answers come back in order, so the oldest
/// waiting promise gets each one. A lost connection fails every promise still waiting.
final class RedisCommandHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = (ByteBuffer, EventLoopPromise<RESPValue>)
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<RESPValue>>()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let (bytes, answer) = unwrapOutboundIn(data)
        waiting.append(answer)
        context.write(wrapOutboundOut(bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        guard let answer = waiting.popFirst() else { return }
        answer.succeed(value)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error as? RedisError ?? .connectionLost("\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(.connectionLost("the connection closed"))
        context.fireChannelInactive()
    }

    private func failAll(_ error: RedisError) {
        while let answer = waiting.popFirst() { answer.fail(error) }
    }
}
