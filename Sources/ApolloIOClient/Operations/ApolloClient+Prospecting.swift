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
        try await send(.peopleMatch, body: PersonMatchBody(identity: identity, options: options))
    }

    /// Enriches up to ten people in one call; more than ten is refused before anything is sent.
    public func bulkMatchPeople(
        _ people: [PersonIdentity], options: EnrichmentOptions = EnrichmentOptions()
    ) async throws(ApolloError) -> ApolloResponse<BulkMatchResult> {
        guard people.count <= Self.bulkEnrichmentLimit else {
            throw .tooManyRecords(limit: Self.bulkEnrichmentLimit, requested: people.count)
        }
        return try await send(.peopleBulkMatch, query: options, body: BulkMatchBody(details: people))
    }

    /// Enriches one organization; 1 credit. The domain is normalized (`https://www.Acme.com/` → `acme.com`, as
    /// Apollo wants it), so spellings of one domain share one cache entry and are paid once.
    public func enrichOrganization(_ identity: OrganizationIdentity) async throws(ApolloError) -> ApolloResponse<OrganizationEnrichResult> {
        var identity = identity
        identity.domain = identity.domain.map(DomainName.normalize)
        return try await send(.organizationEnrich, query: identity)
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
        return try await send(.organizationBulkEnrich, body: OrganizationBulkEnrichBody(details: normalized))
    }

    /// Searches Apollo's organization database; 1 credit per page with results.
    public func searchOrganizations(
        _ request: OrganizationSearchRequest
    ) async throws(ApolloError) -> ApolloResponse<OrganizationSearchPage> {
        try await send(.organizationSearch, body: request)
    }

    /// Polls the result of an asynchronous enrichment.
    public func webhookResult(_ requestID: RequestID) async throws(ApolloError) -> ApolloResponse<WebhookResult> {
        try await send(.webhookResult(requestID))
    }
}
