import ApolloIOClient
import Foundation

/// Enriches the rows of a list (CSV enrichment) through the one enrichment path: bad rows are skipped with their
/// reason, duplicates and people the memory knows cost nothing, the rest go to Apollo ten per call, suppressed people
/// are skipped, and every match is stored as a contact.
public struct ListEnrichment: Sendable {
    let enrichment: EnrichmentService

    public init(enrichment: EnrichmentService) {
        self.enrichment = enrichment
    }

    /// The columns each output row gains, after the input's own.
    public static let addedColumns = [
        "status", "apollo_id", "enriched_email", "enriched_first_name", "enriched_last_name", "enriched_title", "enriched_organization",
        "enriched_domain", "enriched_linkedin_url", "enriched_phone",
    ]

    /// One row's answer: its status (`matched`, `no match`, `skipped: why`) and the added columns' values.
    public struct Outcome: Sendable, Equatable {
        public var status: String
        public var values: [String]
        /// Whether this row was answered by a paid Apollo match (not memory, not a duplicate).
        public var paid: Bool
        /// The problem of a row that could not be enriched at all (for the rejects file).
        public var rejected: ListRowProblem?
    }

    /// The answers for `rows`, in order.
    public func enrich(_ rows: [Result<PersonIdentity, ListRowProblem>], actor: AuditActor) async throws -> [Outcome] {
        let identities = rows.compactMap { try? $0.get() }
        let (results, _) = try await enrichment.enrichAndStore(identities, actor: actor)
        var answers = results.makeIterator()
        var paidKeys = Set<String>()
        return rows.map { row in
            switch row {
            case .failure(let problem):
                return Outcome(status: "skipped: \(problem)", values: [], paid: false, rejected: problem)
            case .success:
                let result = answers.next()!
                switch result.source {
                case .suppressed(let kind): return Outcome(status: "skipped: \(kind.skipReason)", values: [], paid: false)
                case .unidentifiable: return Outcome(status: "skipped: \(ListRowProblem.unidentifiable)", values: [], paid: false)
                case .memory, .apollo:
                    guard let person = result.person else { return Outcome(status: "no match", values: [], paid: false) }
                    // The first row of a person answered by Apollo in this call is the paid one; duplicates are free.
                    let paid = result.source == .apollo && paidKeys.insert(person.id).inserted
                    return Outcome(status: "matched", values: Self.values(of: person), paid: paid)
                }
            }
        }
    }

    static func values(of person: Person) -> [String] {
        let phone = person.phoneNumbers?.compactMap { $0.sanitizedNumber ?? $0.rawNumber }.first
        return [
            person.id, person.email ?? "", person.firstName ?? "", person.lastName ?? "", person.title ?? "", person.organization?.name ?? "",
            person.organization?.primaryDomain ?? "", person.linkedinUrl ?? "", phone ?? "",
        ]
    }
}
