import ApolloIOClient

/// Where a list's identifying columns are, read from its header with case, spaces, `_` and `-` forgiven
/// (`Email`, `E-mail`, `LinkedIn URL`, `first_name`, `Company Domain`…); every other column is passed through.
public struct ListColumns: Sendable, Equatable {
    /// The identifying fields a list can have.
    public enum Field: String, Sendable, CaseIterable {
        case email, linkedinURL, firstName, lastName, name, domain, organization, apolloID
    }

    /// Field → its column index.
    public let positions: [Field: Int]
    public let header: [String]

    /// The names each field goes by, normalized (lower case, no spaces, `_` or `-`).
    static let aliases: [Field: Set<String>] = [
        .email: ["email", "emailaddress", "workemail"],
        .linkedinURL: ["linkedinurl", "linkedin", "linkedinprofile", "linkedinprofileurl"],
        .firstName: ["firstname", "first", "givenname"],
        .lastName: ["lastname", "last", "surname", "familyname"],
        .name: ["name", "fullname"],
        .domain: ["domain", "companydomain", "organizationdomain", "website", "companywebsite"],
        .organization: ["organization", "organizationname", "company", "companyname", "account"],
        .apolloID: ["apolloid", "apollopersonid", "personid"],
    ]

    public init(header: [String]) {
        self.header = header
        var positions: [Field: Int] = [:]
        for (index, title) in header.enumerated() {
            let key = Self.normalize(title)
            if let field = Self.aliases.first(where: { $0.value.contains(key) })?.key, positions[field] == nil { positions[field] = index }
        }
        self.positions = positions
    }

    /// Whether any column can identify a person.
    public var identifiesPeople: Bool { !positions.isEmpty }

    static func normalize(_ title: String) -> String {
        title.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" && $0 != "\u{FEFF}" }
    }

    /// The value of `field` in `row`, trimmed; nil when absent or empty.
    public func value(_ field: Field, in row: [String]) -> String? {
        guard let index = positions[field], index < row.count else { return nil }
        let text = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The person a row names, or why it cannot be enriched.
    public func identity(of row: [String]) -> Result<PersonIdentity, ListRowProblem> {
        let email = value(.email, in: row)
        if let email, !EmailAddressNormalizer.isPlausible(email) { return .failure(.invalid(column: column(.email), value: "not an email address")) }
        let apolloID = value(.apolloID, in: row)
        if let apolloID, !ApolloID.isWellFormed(apolloID) { return .failure(.invalid(column: column(.apolloID), value: "not an Apollo id")) }
        let domain = value(.domain, in: row).map(DomainName.normalize)
        if let domain, !DomainName.isPlain(domain) { return .failure(.invalid(column: column(.domain), value: "not a domain")) }
        let identity = PersonIdentity(
            id: apolloID, email: email, linkedinUrl: value(.linkedinURL, in: row), firstName: value(.firstName, in: row),
            lastName: value(.lastName, in: row), name: value(.name, in: row), organizationName: value(.organization, in: row), domain: domain)
        guard EnrichmentIdentity.key(identity) != nil else { return .failure(.unidentifiable) }
        return .success(identity)
    }

    private func column(_ field: Field) -> String { positions[field].map { header[$0] } ?? field.rawValue }
}

/// Why a row of a list is not enriched.
public enum ListRowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column holds something unusable.
    case invalid(column: String, value: String)
    /// No email, LinkedIn URL, Apollo id, or name with a domain.
    case unidentifiable

    public var description: String {
        switch self {
        case .invalid(let column, let value): "\(column): \(value)"
        case .unidentifiable: "no email, LinkedIn URL, Apollo id, or name with a domain"
        }
    }
}
