/// Contacts, accounts and deals in the team's workspace (CONTRACT §8–9); all free of credits.
extension ApolloClient {
    /// Creates a contact; with `runDedupe` a match is updated in place instead (which makes a retry safe).
    public func createContact(_ input: ContactInput) async throws(ApolloError) -> ApolloResponse<ContactEnvelope> {
        try await send(.contactCreate, body: input, idempotent: input.runDedupe == true)
    }

    /// Updates a contact; `labelNames` replaces its lists.
    public func updateContact(id: String, _ input: ContactInput) async throws(ApolloError) -> ApolloResponse<ContactEnvelope> {
        var input = input
        input.runDedupe = nil
        return try await send(.contactUpdate(id), body: input)
    }

    /// Reads one contact; a missing one is ``ApolloError/notFound(message:)``.
    public func contact(id: String) async throws(ApolloError) -> ApolloResponse<ContactEnvelope> {
        try await send(.contactShow(id))
    }

    /// Searches the team's contacts.
    public func searchContacts(_ request: ContactSearchRequest) async throws(ApolloError) -> ApolloResponse<ContactSearchPage> {
        try await send(.contactSearch, body: request)
    }

    /// Creates up to 100 contacts; existing matches are returned untouched.
    public func bulkCreateContacts(
        _ request: BulkCreateContactsRequest
    ) async throws(ApolloError) -> ApolloResponse<BulkCreateContactsResult> {
        guard request.contacts.count <= BulkCreateContactsRequest.maxContacts else {
            throw .tooManyRecords(limit: BulkCreateContactsRequest.maxContacts, requested: request.contacts.count)
        }
        return try await send(.contactBulkCreate, body: request, idempotent: request.runDedupe == true)
    }

    /// The team's contact stages.
    public func contactStages() async throws(ApolloError) -> ApolloResponse<ContactStageList> {
        try await send(.contactStages)
    }

    /// Creates an account; Apollo never deduplicates accounts.
    public func createAccount(_ input: AccountInput) async throws(ApolloError) -> ApolloResponse<AccountEnvelope> {
        try await send(.accountCreate, body: input)
    }

    /// Updates an account.
    public func updateAccount(id: String, _ input: AccountInput) async throws(ApolloError) -> ApolloResponse<AccountEnvelope> {
        try await send(.accountUpdate(id), body: input)
    }

    /// Searches the team's accounts.
    public func searchAccounts(_ request: AccountSearchRequest) async throws(ApolloError) -> ApolloResponse<AccountSearchPage> {
        try await send(.accountSearch, body: request)
    }

    /// The team's account stages.
    public func accountStages() async throws(ApolloError) -> ApolloResponse<AccountStageList> {
        try await send(.accountStages)
    }

    /// Creates a deal; `name` is required.
    public func createOpportunity(_ input: OpportunityInput) async throws(ApolloError) -> ApolloResponse<OpportunityEnvelope> {
        try await send(.opportunityCreate, body: input)
    }

    /// Reads one deal.
    public func opportunity(id: String) async throws(ApolloError) -> ApolloResponse<OpportunityEnvelope> {
        try await send(.opportunityShow(id))
    }

    /// Updates a deal.
    public func updateOpportunity(id: String, _ input: OpportunityInput) async throws(ApolloError) -> ApolloResponse<OpportunityEnvelope> {
        try await send(.opportunityUpdate(id), body: input)
    }

    /// Lists deals page by page.
    public func searchOpportunities(
        _ request: OpportunitySearchRequest
    ) async throws(ApolloError) -> ApolloResponse<OpportunitySearchPage> {
        try await send(.opportunitySearch, query: request)
    }

    /// The team's deal stages.
    public func opportunityStages() async throws(ApolloError) -> ApolloResponse<OpportunityStageList> {
        try await send(.opportunityStages)
    }
}
