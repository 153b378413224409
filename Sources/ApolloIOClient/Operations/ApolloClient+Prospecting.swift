import Foundation

/// People and organization search and enrichment (CONTRACT §7).
extension ApolloClient {
    /// The most records Apollo enriches in one bulk call.
    public static let bulkEnrichmentLimit = 10

    /// Free people search: no emails, obfuscated last names, 0 credits.
    public func searchPeople(_ request: PeopleSearchRequest) async throws(ApolloError) -> ApolloResponse<PeopleSearchPage> {
        try await send(.peopleSearch, body: request)
    }

    /// Enriches one person; 1 credit when data is found, +8 with a mobile phone.
    public func matchPerson(
        _ identity: PersonIdentity, options: EnrichmentOptions = EnrichmentOptions()
    ) async throws(ApolloError) -> ApolloResponse<PersonMatchResult> {
        let revealPhone = options.revealPhoneNumber == true
        return try await send(
            .peopleMatch, body: PersonMatchBody(identity: identity, options: options),
            cost: CreditPrice(
                worstCase: CreditCost.perMatchedPerson, records: 1
            ) { CreditPrice<PersonMatchResult>.person($0.person, revealPhone: revealPhone) })
    }

    /// Enriches up to ten people in one call; more than ten is refused before anything is sent.
    public func bulkMatchPeople(
        _ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions()
    ) async throws(ApolloError) -> ApolloResponse<BulkMatchResult> {
        guard people.count <= Self.bulkEnrichmentLimit else {
            throw .tooManyRecords(limit: Self.bulkEnrichmentLimit, requested: people.count)
        }
        let revealPhone = options.revealPhoneNumber == true
        let cost = CreditPrice<BulkMatchResult>(worstCase: Double(people.count) * CreditCost.perMatchedPerson, records: people.count) { result in
            result.creditsConsumed.map { NSDecimalNumber(decimal: $0).doubleValue }
                ?? result.matches.reduce(0) { $0 + CreditPrice<BulkMatchResult>.person($1, revealPhone: revealPhone) }
        }
        return try await send(.peopleBulkMatch, query: options, body: BulkMatchBody(details: people), cost: cost)
    }

    /// Enriches one organization; 1 credit. The domain is normalized (`https://www.Acme.com/` → `acme.com`, as
    /// Apollo wants it), so spellings of one domain share one cache entry and are paid once.
    public func enrichOrganization(_ identity: OrganizationIdentity) async throws(ApolloError) -> ApolloResponse<OrganizationEnrichResult> {
        var identity = identity
        identity.domain = identity.domain.map(DomainName.normalize)
        return try await send(
            .organizationEnrich, query: identity,
            cost: CreditPrice(worstCase: CreditCost.perOrganization, records: 1) {
                $0.organization == nil ? 0 : CreditCost.perOrganization
            })
    }

    /// Enriches up to ten organizations in one call; 1 credit each.
    public func bulkEnrichOrganizations(
        _ organizations: [OrganizationIdentity]
    ) async throws(ApolloError) -> ApolloResponse<BulkOrganizationEnrichResult> {
        guard organizations.count <= Self.bulkEnrichmentLimit else {
            throw .tooManyRecords(limit: Self.bulkEnrichmentLimit, requested: organizations.count)
        }
        let normalized = organizations.map { identity in
            var identity = identity
            identity.domain = identity.domain.map(DomainName.normalize)
            return identity
        }
        let cost = CreditPrice<BulkOrganizationEnrichResult>(
            worstCase: Double(organizations.count) * CreditCost.perOrganization, records: organizations.count
        ) { Double($0.organizations.compactMap { $0 }.count) * CreditCost.perOrganization }
        return try await send(.organizationBulkEnrich, body: OrganizationBulkEnrichBody(details: normalized), cost: cost)
    }

    /// Searches Apollo's organization database; 1 credit per page with results.
    public func searchOrganizations(
        _ request: OrganizationSearchRequest
    ) async throws(ApolloError) -> ApolloResponse<OrganizationSearchPage> {
        try await send(
            .organizationSearch, body: request,
            cost: CreditPrice(worstCase: CreditCost.perOrganization, records: 1) {
                $0.allOrganizations.isEmpty ? 0 : CreditCost.perOrganization
            })
    }

    /// Polls the result of an asynchronous enrichment.
    public func webhookResult(_ requestID: RequestID) async throws(ApolloError) -> ApolloResponse<WebhookResult> {
        try await send(.webhookResult(requestID))
    }
}
