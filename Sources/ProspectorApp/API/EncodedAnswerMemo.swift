import Synchronization
import Vapor

/// The JSON of a hot read's last answer, reused while the next answer is equal to it: a cached read (the stage list,
/// polled by every board and client) spent a fifth of its CPU encoding the same value again (the HTTP benchmark).
/// One slot per route: an answer that changes simply replaces it. Comparing is cheap where encoding is not.
final class EncodedAnswerMemo<Answer: Content & Equatable & Sendable>: Sendable {
    private let last = Mutex<(answer: Answer, body: ByteBuffer, headers: HTTPHeaders)?>(nil)

    /// `answer` as a 200 JSON response, exactly as Vapor would encode it.
    func response(for answer: Answer) throws -> Response {
        if let hit = last.withLock({ $0 }), hit.answer == answer {
            return Response(status: .ok, headers: hit.headers, body: .init(buffer: hit.body))
        }
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(answer, to: &body, headers: &headers)
        last.withLock { $0 = (answer, body, headers) }
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }
}
