import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// Person enrichment, decided in one place for every path (single, bulk job, reveal): inputs are normalized and
/// deduplicated, fresh answers come from the enrichment memory, the rest go to Apollo ten at a time — one person to
/// people match (ten times bulk's rate limit), more to bulk match — and what Apollo answered is remembered.
public struct EnrichmentService: Sendable {
    /// What one identity got: a person (or none) and where the answer came from.
    typealias Answer = (person: Person?, source: PersonEnrichment.Source)

    public let client: ApolloClient
    public let memory: any EnrichmentMemory
    let database: any Database
    let mirroring: ApolloMirroring
    /// How long a match / a miss is answered from memory (default 90 / 30 days).
    let matchFreshnessSeconds: Double
    let missFreshnessSeconds: Double
    let clock: any ApolloClock
    /// People never sent to Apollo nor stored (nil: no list, as in tests of enrichment alone).
    let suppressions: SuppressionList?

    public init(
        client: ApolloClient, memory: any EnrichmentMemory, database: any Database, mirroring: ApolloMirroring = ApolloMirroring(),
        matchFreshnessSeconds: Double = 90 * 86_400, missFreshnessSeconds: Double = 30 * 86_400, clock: any ApolloClock = SystemApolloClock(),
        suppressions: SuppressionList? = nil
    ) {
        self.client = client
        self.memory = memory
        self.database = database
        self.mirroring = mirroring
        self.matchFreshnessSeconds = matchFreshnessSeconds
        self.missFreshnessSeconds = missFreshnessSeconds
        self.clock = clock
        self.suppressions = suppressions
    }

    /// One answer per input, in input order.
    /// - Parameter progress: called with the number of unique people answered so far (for job progress).
    public func enrich(
        _ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions(), progress: (@Sendable (Int) async -> Void)? = nil
    ) async throws(ApolloError) -> [PersonEnrichment] {
        let keys = people.map { EnrichmentIdentity.key($0, options: options) }
        var unique: [(key: String, identity: PersonIdentity)] = []
        var seen = Set<String>()
        for (key, person) in zip(keys, people) {
            if let key, seen.insert(key).inserted { unique.append((key, person)) }
        }
        var answers: [String: Answer] = [:]
        for (entry, kind) in zip(unique, try await suppressed(unique.map { SuppressionSubject($0.identity) })) where kind != nil {
            answers[entry.key] = (nil, .suppressed(kind!))
        }
        let now = clock.now()
        var remembered: [String: RememberedEnrichment] = [:]
        // A request that starts an asynchronous reveal must reach Apollo: memory cannot start one.
        if !options.startsAsynchronousEnrichment {
            do { remembered = try await memory.recall(unique.map(\.key)) } catch {
                throw .stateUnavailable(description: "enrichment memory: \(error)")
            }
        }
        for (key, entry) in remembered where answers[key] == nil && isFresh(entry, now: now) {
            answers[key] = (entry.person, .memory)
        }
        let toSend = unique.filter { answers[$0.key] == nil }
        await progress?(answers.count)
        if options.startsAsynchronousEnrichment {
            try await send(toSend, options: options, answers: &answers, progress: progress)
        } else {
            try await sendClaimed(toSend, options: options, answers: &answers, progress: progress)
        }
        return zip(people, keys).map { person, key in
            guard let key, let answer = answers[key] else { return PersonEnrichment(input: person, person: nil, source: .unidentifiable) }
            return PersonEnrichment(input: person, person: answer.person, source: answer.source)
        }
    }

    /// Whether a remembered answer may stand in for a call now.
    func isFresh(_ entry: RememberedEnrichment, now: Double) -> Bool {
        now - entry.at < (entry.person == nil ? missFreshnessSeconds : matchFreshnessSeconds)
    }

    /// Asks Apollo about `people`, ten per call, and records each answer in `answers`.
    func send(
        _ people: [(key: String, identity: PersonIdentity)], options: EnrichmentOptions, answers: inout [String: Answer],
        progress: (@Sendable (Int) async -> Void)?
    ) async throws(ApolloError) {
        for start in stride(from: 0, to: people.count, by: ApolloClient.bulkEnrichmentLimit) {
            let chunk = Array(people[start..<min(start + ApolloClient.bulkEnrichmentLimit, people.count)])
            let answer = try await match(chunk.map(\.identity), options: options)
            for (index, (entry, person)) in zip(chunk, answer.matches).enumerated() {
                answers[entry.key] = answer.suppressed[index].map { (nil, .suppressed($0)) } ?? (person, .apollo)
            }
            await progress?(answers.count)
        }
    }

    /// Enriches and stores every matched person as a contact (one transaction), attributed to `actor`.
    public func enrichAndStore(
        _ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions(), actor: AuditActor,
        progress: (@Sendable (Int) async -> Void)? = nil
    ) async throws -> (results: [PersonEnrichment], contacts: [Contact]) {
        let results = try await enrich(people, options: options, progress: progress)
        let contacts = try await store(results.compactMap(\.person), actor: actor)
        return (results, contacts)
    }

    /// Stores people Apollo matched as contacts, in one transaction.
    public func store(_ people: [Person], actor: AuditActor) async throws -> [Contact] {
        guard !people.isEmpty else { return [] }
        return try await database.safeTransaction { [mirroring] transaction in
            var contacts: [Contact] = []
            for person in people { contacts.append(try await mirroring.store(person, actor: actor, on: transaction)) }
            return contacts
        }
    }

    /// One call to Apollo for 1 to 10 people — people match for one, bulk match for more — whose answers are
    /// remembered (phone reveals and waterfalls deliver later, so the synchronous answer is what any match gets).
    public func match(_ identities: [PersonIdentity], options: EnrichmentOptions) async throws(ApolloError) -> ApolloMatch {
        var answer: ApolloMatch
        let creditsPerPerson: Double
        let endpoint = identities.count == 1 ? ApolloEndpoint.peopleMatch : ApolloEndpoint.peopleBulkMatch
        if identities.count == 1 {
            let result = try await client.matchPerson(identities[0], options: options).value
            answer = ApolloMatch(matches: [result.person], requestID: result.requestId)
            creditsPerPerson = CreditCost.perMatchedPerson
        } else {
            let result = try await client.bulkMatchPeople(identities, options: options).value
            answer = ApolloMatch(matches: Self.align(result.matches, to: identities, options: options), requestID: result.requestId)
            let matched = Double(max(1, answer.matches.compactMap { $0 }.count))
            creditsPerPerson = result.creditsConsumed.map { NSDecimalNumber(decimal: $0).doubleValue / matched } ?? CreditCost.perMatchedPerson
        }
        // Someone suppressed by an identifier only the answer shows (their email) is dropped: not stored, not remembered.
        let found = answer.matches.enumerated().compactMap { index, person in person.map { (index, SuppressionSubject($0)) } }
        for ((index, _), kind) in zip(found, try await suppressed(found.map(\.1))) where kind != nil {
            answer.matches[index] = nil
            answer.suppressed[index] = kind
        }
        let at = clock.now()
        let learned = zip(identities, answer.matches).enumerated().compactMap { index, pair -> RememberedEnrichment? in
            let (identity, person) = pair
            guard answer.suppressed[index] == nil else { return nil }
            return EnrichmentIdentity.key(identity, options: options).map {
                RememberedEnrichment(
                    identityKey: $0, person: person, credits: person == nil ? 0 : creditsPerPerson, at: at, endpoint: endpoint.route)
            }
        }
        do { try await memory.remember(learned) } catch { throw .stateUnavailable(description: "enrichment memory: \(error)") }
        return answer
    }

    /// What suppresses each subject; nothing without a list.
    func suppressed(_ subjects: [SuppressionSubject]) async throws(ApolloError) -> [Suppression.Kind?] {
        guard let suppressions, !subjects.isEmpty else { return subjects.map { _ in nil } }
        do { return try await suppressions.check(subjects, on: database) } catch {
            throw .stateUnavailable(description: "suppression list: \(error)")
        }
    }

    /// Apollo keeps input order with nulls for misses; should a response not, matches are paired by identity.
    static func align(_ matches: [Person?], to identities: [PersonIdentity], options: EnrichmentOptions) -> [Person?] {
        if matches.count == identities.count { return matches }
        var byKey: [String: Person] = [:]
        for case let person? in matches {
            for identity in [PersonIdentity(id: person.id), PersonIdentity(email: person.email), PersonIdentity(linkedinUrl: person.linkedinUrl)] {
                if let key = EnrichmentIdentity.key(identity, options: options) { byKey[key] = person }
            }
        }
        return identities.map { EnrichmentIdentity.key($0, options: options).flatMap { byKey[$0] } }
    }
}
