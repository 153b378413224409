/// Sequences, tasks, users, mailboxes, usage and health (CONTRACT §10–12).
extension ApolloClient {
    /// Searches sequences by name.
    public func searchSequences(_ request: SequenceSearchRequest) async throws(ApolloError) -> ApolloResponse<SequenceSearchPage> {
        try await send(.sequenceSearch, body: request)
    }

    /// Adds contacts to a sequence; skipped contacts come back with Apollo's reason.
    public func addContactsToSequence(
        sequenceID: String, _ request: AddContactsToSequenceRequest
    ) async throws(ApolloError) -> ApolloResponse<AddContactsToSequenceResult> {
        var request = request
        request.emailerCampaignId = sequenceID
        return try await send(.sequenceAddContacts(sequenceID), body: request)
    }

    /// Removes, stops or finishes contacts in sequences.
    public func removeOrStopContacts(_ request: RemoveOrStopContactsRequest) async throws(ApolloError) -> ApolloResponse<ContactList> {
        try await send(.sequenceRemoveOrStop, body: request)
    }

    /// Creates one task.
    public func createTask(_ input: TaskInput) async throws(ApolloError) -> ApolloResponse<TaskEnvelope> {
        try await send(.taskCreate, body: input)
    }

    /// Creates one task per contact.
    public func bulkCreateTasks(_ request: TaskBulkCreateRequest) async throws(ApolloError) -> ApolloResponse<TaskBulkCreateResult> {
        try await send(.taskBulkCreate, body: request)
    }

    /// Searches tasks.
    public func searchTasks(_ request: TaskSearchRequest) async throws(ApolloError) -> ApolloResponse<TaskSearchPage> {
        try await send(.taskSearch, body: request)
    }

    /// Lists the team's users.
    public func searchUsers(_ page: PageRequest = PageRequest()) async throws(ApolloError) -> ApolloResponse<UserSearchPage> {
        try await send(.usersSearch, query: page)
    }

    /// Lists the team's mailboxes.
    public func emailAccounts() async throws(ApolloError) -> ApolloResponse<EmailAccountList> {
        try await send(.emailAccounts)
    }

    /// The team's per-route rate limits and consumption.
    public func apiUsageStats() async throws(ApolloError) -> ApolloResponse<APIUsageStats> {
        try await send(.apiUsageStats, body: EmptyBody())
    }

    /// The team's credit pools.
    public func creditUsageStats() async throws(ApolloError) -> ApolloResponse<CreditUsageStats> {
        try await send(.creditUsageStats, body: EmptyBody())
    }

    /// Liveness of Apollo; `isLoggedIn` (not the status) says whether the key works.
    public func authHealth() async throws(ApolloError) -> ApolloResponse<AuthHealth> {
        try await send(.authHealth)
    }
}

/// `{}`.
struct EmptyBody: Encodable, Sendable {}
