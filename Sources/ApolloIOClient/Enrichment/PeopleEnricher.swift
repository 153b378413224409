import Foundation

/// One input of ``PeopleEnricher/enrich(_:options:)`` and its answer.
public struct PersonEnrichment: Sendable, Equatable {
    /// Where the answer came from.
    public enum Source: String, Sendable {
        /// A fresh match or a recent miss in the enrichment memory: nothing was spent.
        case memory
        /// Apollo, in this call.
        case apollo
        /// The input names nobody (no id, email, LinkedIn URL, or name with domain): not sent.
        case unidentifiable
    }

    public var input: PersonIdentity
    public var person: Person?
    public var source: Source
}

/// Enriches people without ever paying twice: inputs are normalized and deduplicated, fresh answers come from the
/// enrichment memory, and the rest go to Apollo ten at a time (bulk match; a single person to people match), whose
/// answers are remembered.
public struct PeopleEnricher: Sendable {
    public let client: ApolloClient
    public let memory: any EnrichmentMemory
    /// How long a match is answered from memory (default 90 days).
    public var matchFreshnessSeconds: Double
    /// How long a miss is answered from memory (default 30 days).
    public var missFreshnessSeconds: Double
    let clock: any ApolloClock

    public init(client: ApolloClient, memory: any EnrichmentMemory, matchFreshnessSeconds: Double = 90 * 86_400,
                missFreshnessSeconds: Double = 30 * 86_400, clock: any ApolloClock = SystemApolloClock()) {
        self.client = client
        self.memory = memory
        self.matchFreshnessSeconds = matchFreshnessSeconds
        self.missFreshnessSeconds = missFreshnessSeconds
        self.clock = clock
    }

    /// One answer per input, in input order.
    /// - Parameter progress: called with the number of unique people answered so far (for job progress).
    public func enrich(
        _ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions(),
        progress: (@Sendable (Int) async -> Void)? = nil
    ) async throws(ApolloError) -> [PersonEnrichment] {
        let keys = people.map { EnrichmentIdentity.key($0, options: options) }
        var unique: [(key: String, identity: PersonIdentity)] = []
        var seen = Set<String>()
        for (key, person) in zip(keys, people) {
            if let key, seen.insert(key).inserted { unique.append((key, person)) }
        }
        var answers: [String: (person: Person?, source: PersonEnrichment.Source)] = [:]
        let now = clock.now()
        let remembered: [String: RememberedEnrichment]
        do { remembered = try await memory.recall(unique.map(\.key)) } catch { throw .transport(description: "enrichment memory unavailable: \(error)") }
        for (key, entry) in remembered where now - entry.at < (entry.person == nil ? missFreshnessSeconds : matchFreshnessSeconds) {
            answers[key] = (entry.person, .memory)
        }
        let toSend = unique.filter { answers[$0.key] == nil }
        await progress?(answers.count)
        for start in stride(from: 0, to: toSend.count, by: ApolloClient.bulkEnrichmentLimit) {
            let chunk = Array(toSend[start..<min(start + ApolloClient.bulkEnrichmentLimit, toSend.count)])
            let (matches, perPerson) = try await send(chunk, options: options)
            let at = clock.now()
            var learned: [RememberedEnrichment] = []
            for (entry, person) in zip(chunk, matches) {
                answers[entry.key] = (person, .apollo)
                learned.append(RememberedEnrichment(identityKey: entry.key, person: person, credits: person == nil ? 0 : perPerson, at: at))
            }
            do { try await memory.remember(learned) } catch { throw .transport(description: "enrichment memory unavailable: \(error)") }
            await progress?(answers.count)
        }
        return zip(people, keys).map { person, key in
            guard let key, let answer = answers[key] else { return PersonEnrichment(input: person, person: nil, source: .unidentifiable) }
            return PersonEnrichment(input: person, person: answer.person, source: answer.source)
        }
    }

    /// One person goes to people match (the single-record endpoint has ten times bulk's rate limit), more to bulk match.
    private func send(_ chunk: [(key: String, identity: PersonIdentity)], options: EnrichmentOptions) async throws(ApolloError)
        -> (matches: [Person?], creditsPerPerson: Double)
    {
        if chunk.count == 1 {
            let person = try await client.matchPerson(chunk[0].identity, options: options).value.person
            return ([person], CreditCost.perMatchedPerson)
        }
        let result = try await client.bulkMatchPeople(chunk.map(\.identity), options: options).value
        let matches = Self.align(result.matches, to: chunk, options: options)
        let perPerson = result.creditsConsumed.map { NSDecimalNumber(decimal: $0).doubleValue / Double(max(1, matches.compactMap { $0 }.count)) } ?? 1
        return (matches, perPerson)
    }

    /// Apollo keeps input order with nulls for misses; should a response not, matches are paired by identity.
    static func align(_ matches: [Person?], to chunk: [(key: String, identity: PersonIdentity)], options: EnrichmentOptions) -> [Person?] {
        if matches.count == chunk.count { return matches }
        var byKey: [String: Person] = [:]
        for case let person? in matches {
            for identity in [PersonIdentity(id: person.id), PersonIdentity(email: person.email), PersonIdentity(linkedinUrl: person.linkedinUrl)] {
                if let key = EnrichmentIdentity.key(identity, options: options) { byKey[key] = person }
            }
        }
        return chunk.map { byKey[$0.key] }
    }
}
