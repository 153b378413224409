import Synchronization
import Testing

@testable import ApolloIOClient

/// Request bodies encoded once per value.
@Suite struct EncodedBodyMemoTests {
    struct Unhashable: Encodable, Sendable { var page: Int }

    @Test func anEqualBody_isEncodedOnce_andAnotherValueOrAnUnhashableBodyAgain() throws {
        let memo = EncodedBodyMemo()
        let encodings = Mutex(0)
        func bytes(_ body: any Encodable & Sendable) throws -> [UInt8] {
            try memo.bytes(of: body) {
                encodings.withLock { $0 += 1 }
                return Array(try ApolloCoding.makeEncoder().encode(body))
            }
        }
        let search = PeopleSearchRequest(qOrganizationDomainsList: ["example.com"], page: 1)
        let first = try bytes(search)
        #expect(String(decoding: first, as: UTF8.self) == #"{"page":1,"q_organization_domains_list":["example.com"]}"#)
        #expect(try bytes(PeopleSearchRequest(qOrganizationDomainsList: ["example.com"], page: 1)) == first)
        #expect(encodings.withLock { $0 } == 1)
        #expect(try bytes(PeopleSearchRequest(qOrganizationDomainsList: ["example.com"], page: 2)) != first)
        #expect(encodings.withLock { $0 } == 2)
        _ = try bytes(Unhashable(page: 1))
        _ = try bytes(Unhashable(page: 1))
        #expect(encodings.withLock { $0 } == 4)
    }
}
