/// Every Apollo route the simulator serves, with its scope label, limits group and plan gate (CONTRACT Appendix A).
public enum SimRoutes {
    public static let peopleSearch = SimRoute("api/v1/mixed_people/api_search", group: .search)
    public static let legacyPeopleSearch = SimRoute("api/v1/mixed_people/search", group: .search)
    public static let peopleMatch = SimRoute("api/v1/people/match", group: .enrichment)
    public static let peopleBulkMatch = SimRoute("api/v1/people/bulk_match", group: .bulkEnrichment)
    public static let organizationEnrich = SimRoute("api/v1/organizations/enrich", group: .enrichment)
    public static let organizationBulkEnrich = SimRoute("api/v1/organizations/bulk_enrich", group: .bulkEnrichment)
    public static let organizationSearch = SimRoute("api/v1/mixed_companies/search", group: .search, paidOnly: true)
    public static let contactCreate = SimRoute("api/v1/contacts/create")
    public static let contactUpdate = SimRoute("api/v1/contacts/update")
    public static let contactShow = SimRoute("api/v1/contacts/show")
    public static let contactSearch = SimRoute("api/v1/contacts/search", paidOnly: true)
    public static let contactBulkCreate = SimRoute("api/v1/contacts/bulk_create")
    public static let contactStages = SimRoute("api/v1/contact_stages/index")
    public static let accountCreate = SimRoute("api/v1/accounts/create")
    public static let accountUpdate = SimRoute("api/v1/accounts/update")
    public static let accountShow = SimRoute("api/v1/accounts/show")
    public static let accountSearch = SimRoute("api/v1/accounts/search", paidOnly: true)
    public static let accountStages = SimRoute("api/v1/account_stages/index")
    public static let opportunityCreate = SimRoute("deals/api/v1/opportunities/create")
    public static let opportunityShow = SimRoute("deals/api/v1/opportunities/show")
    public static let opportunityUpdate = SimRoute("deals/api/v1/opportunities/update")
    public static let opportunitySearch = SimRoute("deals/api/v1/opportunities/search", paidOnly: true)
    public static let opportunityStages = SimRoute("deals/api/v1/opportunity_stages/index")
    public static let sequenceSearch = SimRoute("api/v1/emailer_campaigns/search", paidOnly: true)
    public static let sequenceAddContacts = SimRoute("api/v1/emailer_campaigns/add_contact_ids")
    public static let sequenceRemoveOrStop = SimRoute("api/v1/emailer_campaigns/remove_or_stop_contact_ids")
    public static let taskCreate = SimRoute("api/v1/tasks/create")
    public static let taskBulkCreate = SimRoute("api/v1/tasks/bulk_create")
    public static let taskSearch = SimRoute("api/v1/tasks/search", paidOnly: true)
    public static let usersSearch = SimRoute("api/v1/users/search", paidOnly: true)
    public static let apiProfile = SimRoute("api/v1/users/api_profile")
    public static let emailAccounts = SimRoute("api/v1/email_accounts/index")
    public static let apiUsageStats = SimRoute("api/v1/usage_stats/api_usage_stats")
    public static let creditUsageStats = SimRoute("api/v1/usage_stats/credit_usage_stats")
    public static let webhookResult = SimRoute("api/v1/webhook_result/show")
    public static let phoneCallSearch = SimRoute("api/v1/phone_calls/search")

    /// Every rate-limited route, for `api_usage_stats`.
    public static let all: [SimRoute] = [
        peopleSearch, peopleMatch, peopleBulkMatch, organizationEnrich, organizationBulkEnrich, organizationSearch,
        contactCreate, contactUpdate, contactShow, contactSearch, contactBulkCreate, contactStages, accountCreate, accountUpdate,
        accountShow, accountSearch, accountStages, opportunityCreate, opportunityShow, opportunityUpdate, opportunitySearch,
        opportunityStages, sequenceSearch, sequenceAddContacts, sequenceRemoveOrStop, taskCreate, taskBulkCreate, taskSearch,
        usersSearch, apiProfile, emailAccounts, apiUsageStats, creditUsageStats, webhookResult, phoneCallSearch,
    ]
}
