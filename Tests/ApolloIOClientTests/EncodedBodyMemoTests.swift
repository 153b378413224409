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

/// The table under both memos: bounded by forgetting everything at its capacity.
@Suite struct BoundedMemoTableTests {
    @Test func itRemembersUpToItsCapacity_thenStartsAgainFromEmpty() {
        let table = BoundedMemoTable<Int, String>(capacity: 3)
        for key in 0..<3 { table.remember("v\(key)", for: key) }
        #expect((0..<3).map { table[$0] } == ["v0", "v1", "v2"])
        table.remember("again", for: 1)
        #expect(table[0] == nil && table[1] == "again" && table[2] == nil, "full: everything else forgotten, the new entry kept")
    }
}
