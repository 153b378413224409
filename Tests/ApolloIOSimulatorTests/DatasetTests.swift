import Testing

@testable import ApolloIOSimulator

@Suite struct DatasetTests {
    @Test func defaultSize_isTwentyThousandPeopleAcrossTwoThousandOrganizations() {
        let data = DatasetGenerator.generate(seed: 42)
        #expect(data.people.count == 20_000)
        #expect(data.organizations.count == 2_000)
        #expect(Set(data.people.map(\.organizationID)).count == 2_000)
        #expect(Set(data.organizations.map(\.domain)).count == 2_000)
        #expect(Set(data.people.map(\.id)).count == 20_000)
        #expect(data.people.allSatisfy { ObjectID.isValid($0.id) })
        #expect(!data.contacts.isEmpty && !data.accounts.isEmpty && !data.opportunities.isEmpty && !data.sequences.isEmpty)
    }

    @Test func sameSeed_sameData_otherSeed_otherData() {
        let size = DatasetSize(people: 1_000, organizations: 100)
        let first = DatasetGenerator.generate(seed: 7, size: size)
        let second = DatasetGenerator.generate(seed: 7, size: size)
        let other = DatasetGenerator.generate(seed: 8, size: size)
        #expect(first.people.map(\.id) == second.people.map(\.id))
        #expect(first.people.map(\.email) == second.people.map(\.email))
        #expect(first.opportunities.map(\.amount) == second.opportunities.map(\.amount))
        #expect(first.people.map(\.id) != other.people.map(\.id))
    }

    @Test func obfuscation_keepsTwoLettersAndTheLast() {
        #expect(Serialize.obfuscated("Roberts") == "Ro***s")
        #expect(Serialize.obfuscated("Xu") == "X.")
    }
}
