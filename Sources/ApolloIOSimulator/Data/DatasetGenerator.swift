import Foundation

/// Sizes of the generated world.
public struct DatasetSize: Sendable, Hashable {
    public var people: Int
    public var organizations: Int
    public var contacts: Int
    public var accounts: Int
    public var opportunities: Int

    public init(people: Int = 20_000, organizations: Int = 2_000, contacts: Int = 500, accounts: Int = 100, opportunities: Int = 120) {
        self.people = max(1, people)
        self.organizations = max(1, organizations)
        self.contacts = min(contacts, self.people)
        self.accounts = min(accounts, self.organizations)
        self.opportunities = opportunities
    }
}

/// Builds a ``Dataset`` from a seed: same seed and size, same data, whatever the date.
public enum DatasetGenerator {
    /// The instant every generated timestamp is counted from.
    public static let epoch = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

    public static func generate(seed: UInt64, size: DatasetSize = DatasetSize()) -> Dataset {
        var random = SeededGenerator(seed: seed)
        var clock: UInt32 = UInt32(epoch.timeIntervalSince1970)
        func newID() -> String {
            clock &+= 1
            return ObjectID.make(timestamp: clock, using: &random)
        }
        var data = Dataset()
        data.teamID = newID()
        data.organizations = (0..<size.organizations).map { index in makeOrganization(index, id: newID(), random: &random) }
        data.people = (0..<size.people).map { index in
            makePerson(index, id: newID(), organization: data.organizations[index % size.organizations], random: &random)
        }
        data.users = (0..<5).map { index in
            let first = Vocabulary.firstNames[(index * 7) % Vocabulary.firstNames.count]
            let last = Vocabulary.lastNames[(index * 5) % Vocabulary.lastNames.count]
            return SimUser(
                id: newID(), firstName: first, lastName: last, email: "\(first.lowercased()).\(last.lowercased())@prospector-team.test",
                emailAccountID: newID(), emailAccountActive: index != 4)
        }
        data.contactStages = Vocabulary.contactStages.enumerated().map { SimStage(id: newID(), name: $1.0, order: $0, category: $1.1) }
        data.accountStages = Vocabulary.accountStages.enumerated().map { SimStage(id: newID(), name: $1.0, order: $0, category: $1.1) }
        data.pipelineID = newID()
        data.opportunityStages = Vocabulary.opportunityStages.enumerated().map { index, stage in
            SimStage(
                id: newID(), name: stage.name, order: index, category: nil, probability: stage.probability, isWon: stage.won, isClosed: stage.closed)
        }
        data.sequences = Vocabulary.sequenceNames.enumerated().map { index, name in
            SimSequence(
                id: newID(), name: name, active: index % 3 != 2, ownerID: data.users[index % data.users.count].id, numSteps: 3 + index % 4,
                createdAt: epoch.addingTimeInterval(Double(index) * 86_400))
        }
        for index in 0..<size.accounts {
            let organization = data.organizations[index * max(1, size.organizations / max(1, size.accounts)) % size.organizations]
            let created = epoch.addingTimeInterval(Double(index) * 3_600)
            data.accounts.append(
                SimAccount(
                    id: newID(), name: organization.name, domain: organization.domain, organizationID: organization.id,
                    stageID: random.pick(data.accountStages).id, ownerID: random.pick(data.users).id, phone: organization.phone,
                    createdAt: created, updatedAt: created))
        }
        let accountByOrganization = Dictionary(data.accounts.map { ($0.organizationID ?? "", $0.id) }, uniquingKeysWith: { a, _ in a })
        for index in 0..<size.contacts {
            let person = data.people[(index * 37) % size.people]
            let created = epoch.addingTimeInterval(Double(index) * 600)
            data.contacts.append(
                SimContact(
                    id: newID(), personID: person.id, firstName: person.firstName, lastName: person.lastName, title: person.title,
                    email: person.email, organizationName: data.organizations[index * 37 % size.people % size.organizations].name,
                    organizationID: person.organizationID, accountID: accountByOrganization[person.organizationID],
                    stageID: random.pick(data.contactStages).id, ownerID: random.pick(data.users).id, linkedinURL: person.linkedinURL,
                    phone: nil, labelNames: [], createdAt: created, updatedAt: created))
        }
        for index in 0..<size.opportunities where !data.accounts.isEmpty {
            let account = data.accounts[index % data.accounts.count]
            let created = epoch.addingTimeInterval(Double(index) * 7_200)
            data.opportunities.append(
                SimOpportunity(
                    id: newID(), name: "\(account.name ?? "Deal") - \(["New business", "Expansion", "Renewal"][index % 3])",
                    amount: Int(random.next() % 200) * 500 + 1_000, ownerID: account.ownerID, accountID: account.id,
                    stageID: random.pick(data.opportunityStages).id, closedDate: nil,
                    createdAt: created, updatedAt: created, stageUpdatedAt: created))
        }
        data.reindex()
        return data
    }

    private static func makeOrganization(_ index: Int, id: String, random: inout SeededGenerator) -> SimOrganization {
        let prefix = Vocabulary.companyPrefixes[index % Vocabulary.companyPrefixes.count]
        let noun = Vocabulary.companyNouns[(index / Vocabulary.companyPrefixes.count) % Vocabulary.companyNouns.count]
        let generation = index / (Vocabulary.companyPrefixes.count * Vocabulary.companyNouns.count)
        let name = generation == 0 ? "\(prefix) \(noun)" : "\(prefix) \(noun) \(generation + 1)"
        let slug = name.lowercased().replacingOccurrences(of: " ", with: "")
        let domain = slug + [".com", ".io", ".co"][index % 3]
        let location = random.pick(Vocabulary.locations)
        let employees = [5, 12, 30, 60, 150, 400, 900, 2_500, 8_000, 25_000][Int(random.next() % 10)]
        return SimOrganization(
            id: id, name: name, domain: domain, industry: random.pick(Vocabulary.industries),
            keywords: [random.pick(Vocabulary.keywords), random.pick(Vocabulary.keywords)],
            employees: employees, annualRevenue: employees * (50_000 + Int(random.next() % 150_000)),
            foundedYear: 1960 + Int(random.next() % 64), city: location.city, state: location.state, country: location.country,
            phone: "+1 555-01\(String(index % 100).leftPadded(to: 2))", linkedinURL: "http://www.linkedin.com/company/\(slug)")
    }

    private static func makePerson(_ index: Int, id: String, organization: SimOrganization, random: inout SeededGenerator) -> SimPerson {
        let first = random.pick(Vocabulary.firstNames)
        let last = random.pick(Vocabulary.lastNames)
        let level = random.pick(Vocabulary.seniorityTitles)
        let title = random.pick(level.titles)
        let departments = Vocabulary.departmentsByKeyword.filter { title.contains($0.keyword) }.map(\.department)
        let location = random.chance(0.7) ? (organization.city, organization.state, organization.country) : random.pick(Vocabulary.locations)
        let handle = "\(first.lowercased())-\(last.lowercased())-\(String(index, radix: 36))"
        return SimPerson(
            id: id, firstName: first, lastName: last, title: title, seniority: level.seniority,
            departments: departments.isEmpty ? ["master_operations"] : Array(Set(departments)).sorted(),
            city: location.0, state: location.1, country: location.2, organizationID: organization.id,
            email: random.chance(0.85) ? "\(first.lowercased()).\(last.lowercased())\(index)@\(organization.domain)" : nil,
            linkedinURL: "http://www.linkedin.com/in/\(handle)",
            mobilePhone: random.chance(0.6) ? "+1 555-\(String(index % 10_000).leftPadded(to: 4))" : nil,
            refreshedAt: epoch.addingTimeInterval(Double(index % 1_000) * 3_600))
    }
}
