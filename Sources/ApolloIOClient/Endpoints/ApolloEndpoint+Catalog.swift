import Foundation

/// The operations Prospector uses (CONTRACT Appendix A), with their scope labels and rate-limit groups.
extension ApolloEndpoint {
    public static let peopleSearch = Self(.POST, "/mixed_people/api_search", route: "api/v1/mixed_people/api_search", group: .search)
    public static let peopleMatch = Self(.POST, "/people/match", route: "api/v1/people/match", group: .enrichment)
    public static let peopleBulkMatch = Self(.POST, "/people/bulk_match", route: "api/v1/people/bulk_match", group: .bulkEnrichment)
    public static let organizationEnrich = Self(.GET, "/organizations/enrich", route: "api/v1/organizations/enrich", group: .enrichment)
    public static let organizationBulkEnrich = Self(
        .POST, "/organizations/bulk_enrich", route: "api/v1/organizations/bulk_enrich", group: .bulkEnrichment)
    public static let organizationSearch = Self(.POST, "/mixed_companies/search", route: "api/v1/mixed_companies/search", group: .search)

    public static let contactCreate = Self(.POST, "/contacts", route: "api/v1/contacts/create", createsData: true)
    public static func contactUpdate(_ id: String) -> Self { Self(.PATCH, "/contacts/\(pathID(id))", route: "api/v1/contacts/update") }
    public static func contactShow(_ id: String) -> Self { Self(.GET, "/contacts/\(pathID(id))", route: "api/v1/contacts/show") }
    public static let contactSearch = Self(.POST, "/contacts/search", route: "api/v1/contacts/search")
    public static let contactBulkCreate = Self(.POST, "/contacts/bulk_create", route: "api/v1/contacts/bulk_create", createsData: true)
    public static let contactStages = Self(.GET, "/contact_stages", route: "api/v1/contact_stages/index")

    public static let accountCreate = Self(.POST, "/accounts", route: "api/v1/accounts/create", createsData: true)
    public static func accountUpdate(_ id: String) -> Self { Self(.PATCH, "/accounts/\(pathID(id))", route: "api/v1/accounts/update") }
    public static let accountSearch = Self(.POST, "/accounts/search", route: "api/v1/accounts/search")
    public static let accountStages = Self(.GET, "/account_stages", route: "api/v1/account_stages/index")

    public static let opportunityCreate = Self(.POST, "/opportunities", route: "deals/api/v1/opportunities/create", createsData: true)
    public static func opportunityShow(_ id: String) -> Self {
        Self(.GET, "/opportunities/\(pathID(id))", route: "deals/api/v1/opportunities/show")
    }
    public static func opportunityUpdate(_ id: String) -> Self {
        Self(.PATCH, "/opportunities/\(pathID(id))", route: "deals/api/v1/opportunities/update")
    }
    public static let opportunitySearch = Self(.GET, "/opportunities/search", route: "deals/api/v1/opportunities/search")
    public static let opportunityStages = Self(.GET, "/opportunity_stages", route: "deals/api/v1/opportunity_stages/index")

    public static let sequenceSearch = Self(.POST, "/emailer_campaigns/search", route: "api/v1/emailer_campaigns/search")
    public static func sequenceAddContacts(_ id: String) -> Self {
        Self(.POST, "/emailer_campaigns/\(pathID(id))/add_contact_ids", route: "api/v1/emailer_campaigns/add_contact_ids")
    }
    public static let sequenceRemoveOrStop = Self(
        .POST, "/emailer_campaigns/remove_or_stop_contact_ids", route: "api/v1/emailer_campaigns/remove_or_stop_contact_ids")

    public static let taskCreate = Self(.POST, "/tasks", route: "api/v1/tasks/create", createsData: true)
    public static let taskBulkCreate = Self(.POST, "/tasks/bulk_create", route: "api/v1/tasks/bulk_create", createsData: true)
    public static let taskSearch = Self(.POST, "/tasks/search", route: "api/v1/tasks/search")

    public static let usersSearch = Self(.GET, "/users/search", route: "api/v1/users/search")
    public static let emailAccounts = Self(.GET, "/email_accounts", route: "api/v1/email_accounts/index")
    public static let apiUsageStats = Self(.POST, "/usage_stats/api_usage_stats", route: "api/v1/usage_stats/api_usage_stats")
    public static let creditUsageStats = Self(.POST, "/usage_stats/credit_usage_stats", route: "api/v1/usage_stats/credit_usage_stats")
    public static let authHealth = Self(.GET, "/auth/health", route: "api/v1/auth/health")
    public static func webhookResult(_ requestID: RequestID) -> Self {
        Self(.GET, "/webhook_result/\(requestID.value)", route: "api/v1/webhook_result/show")
    }

    private static let pathAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// Escapes an id for a path segment, so that no input can reach another route.
    static func pathID(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? id
    }
}

extension ApolloEndpoint {
    /// The operations outside the standard group; every other route is standard.
    private static let limitedGroups: [String: EndpointGroup] = Dictionary(
        uniqueKeysWithValues: [peopleSearch, peopleMatch, peopleBulkMatch, organizationEnrich, organizationBulkEnrich, organizationSearch]
            .map { ($0.route, $0.group) })

    /// The rate-limit group of a route (Apollo's scope label, as counters are kept by).
    public static func group(ofRoute route: String) -> EndpointGroup {
        limitedGroups[route] ?? .standard
    }
}
