import Testing
import Vapor

@testable import ProspectorApp

@Suite struct EncodedAnswerMemoTests {
    private func stages(_ names: [String]) -> StagesResponse {
        StagesResponse(
            stages: names.enumerated().map { index, name in
                StageDTO(
                    id: String(format: "%024x", index), name: name, order: Double(index), displayOrder: Double(index), isWon: false, isClosed: false,
                    probability: nil)
            })
    }

    private func body(_ response: Response) -> String {
        response.body.buffer.map { String(buffer: $0) } ?? ""
    }

    @Test func anEqualAnswer_reusesItsJSON_andAChangedOneIsEncodedAnew() throws {
        let memo = EncodedAnswerMemo<StagesResponse>()
        let first = try memo.response(for: stages(["Qualify", "Demo"]))
        var expected = ByteBuffer()
        var headers = HTTPHeaders()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(stages(["Qualify", "Demo"]), to: &expected, headers: &headers)
        // The encoder's key order varies from one encoding to the next: compare what the JSON says.
        let object = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary }
        #expect(try object(body(first)) == object(String(buffer: expected)), "what Vapor would write")
        #expect(first.headers.first(name: .contentType) == headers.first(name: .contentType))
        #expect(first.status == .ok)

        let again = try memo.response(for: stages(["Qualify", "Demo"]))
        #expect(again.body.buffer?.readableBytesView.elementsEqual(first.body.buffer!.readableBytesView) == true)

        let changed = try memo.response(for: stages(["Qualify", "Demo", "Won"]))
        #expect(body(changed).contains("\"Won\""))
        #expect(!body(first).contains("\"Won\""))
        let decoded = try JSONDecoder().decode(StagesResponse.self, from: Data(body(changed).utf8))
        #expect(decoded == stages(["Qualify", "Demo", "Won"]))
    }
}
