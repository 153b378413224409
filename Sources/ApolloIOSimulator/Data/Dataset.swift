import Foundation

/// The simulator's whole world: Apollo's database plus one team's workspace.
public struct Dataset: Sendable {
    public var organizations: [SimOrganization] = []
    public var people: [SimPerson] = []
    public var users: [SimUser] = []
    public var contactStages: [SimStage] = []
    public var accountStages: [SimStage] = []
    public var opportunityStages: [SimStage] = []
    public var pipelineID = ""
    public var teamID = ""
    public var sequences: [SimSequence] = []
    public var contacts: [SimContact] = [] {
        // No `oldValue`: an element changed in place stays in place (SE-0268), the array is not copied.
        didSet { contactsRevision &+= 1 }
    }
    /// Moves on every change to `contacts`, so that an order computed from them knows when it is stale.
    private(set) var contactsRevision = 0
    public var accounts: [SimAccount] = []
    public var opportunities: [SimOpportunity] = []
    public var tasks: [SimTask] = []

    /// Indexes kept beside the arrays so lookups stay O(1) at 20,000+ records.
    var organizationIndex: [String: Int] = [:]
    var organizationByDomain: [String: Int] = [:]
    var personIndex: [String: Int] = [:]
    var personByEmail: [String: Int] = [:]
    var personByLinkedIn: [String: Int] = [:]
    var contactIndex: [String: Int] = [:]
    var accountIndex: [String: Int] = [:]
    var opportunityIndex: [String: Int] = [:]

    public func organization(id: String) -> SimOrganization? { organizationIndex[id].map { organizations[$0] } }
    public func organization(domain: String) -> SimOrganization? { organizationByDomain[domain.lowercased()].map { organizations[$0] } }
    public func person(id: String) -> SimPerson? { personIndex[id].map { people[$0] } }
    public func person(email: String) -> SimPerson? { personByEmail[email.lowercased()].map { people[$0] } }
    public func person(linkedinURL: String) -> SimPerson? { personByLinkedIn[Dataset.normalizedLinkedIn(linkedinURL)].map { people[$0] } }
    public func contact(id: String) -> SimContact? { contactIndex[id].map { contacts[$0] } }
    public func account(id: String) -> SimAccount? { accountIndex[id].map { accounts[$0] } }
    public func opportunity(id: String) -> SimOpportunity? { opportunityIndex[id].map { opportunities[$0] } }
    public func user(id: String) -> SimUser? { users.first { $0.id == id } }

    mutating func reindex() {
        organizationIndex = Dictionary(uniqueKeysWithValues: organizations.enumerated().map { ($1.id, $0) })
        organizationByDomain = Dictionary(organizations.enumerated().map { ($1.domain, $0) }, uniquingKeysWith: { first, _ in first })
        personIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        personByEmail = Dictionary(people.enumerated().compactMap { i, p in p.email.map { ($0.lowercased(), i) } }, uniquingKeysWith: { a, _ in a })
        personByLinkedIn = Dictionary(people.enumerated().map { (Dataset.normalizedLinkedIn($1.linkedinURL), $0) }, uniquingKeysWith: { a, _ in a })
        contactIndex = Dictionary(uniqueKeysWithValues: contacts.enumerated().map { ($1.id, $0) })
        accountIndex = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($1.id, $0) })
        opportunityIndex = Dictionary(uniqueKeysWithValues: opportunities.enumerated().map { ($1.id, $0) })
    }

    mutating func insert(contact: SimContact) {
        contactIndex[contact.id] = contacts.count
        contacts.append(contact)
    }

    mutating func insert(account: SimAccount) {
        accountIndex[account.id] = accounts.count
        accounts.append(account)
    }

    mutating func insert(opportunity: SimOpportunity) {
        opportunityIndex[opportunity.id] = opportunities.count
        opportunities.append(opportunity)
    }

    /// `linkedin.com/in/x` whatever the scheme, `www.` or trailing slash.
    static func normalizedLinkedIn(_ url: String) -> String {
        var text = url.lowercased()
        for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
