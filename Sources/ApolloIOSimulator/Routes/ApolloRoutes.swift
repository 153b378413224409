import Vapor

/// Mounts the Apollo API on `/api/v1` and its legacy alias `/v1`, with the method aliases of CONTRACT §14.
struct ApolloRoutes {
    typealias Handler = @Sendable (SimulatorEngine, SimRequest) async throws -> SimResponse

    let engine: SimulatorEngine

    func register(on app: Application) {
        for root in [["api", "v1"], ["v1"]] {
            let group = app.grouped(root.map { PathComponent(stringLiteral: $0) })
            registerProspecting(group)
            registerCRM(group)
            registerEngagement(group)
        }
    }

    private func on(_ group: any RoutesBuilder, _ methods: [HTTPMethod], _ path: String, _ route: SimRoute, _ handler: @escaping Handler) {
        let components = path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        for method in methods {
            group.on(method, components, body: .collect(maxSize: "10mb")) { [engine] request in
                try await ApolloHTTPAdapter(engine: engine).handle(request, route: route, handler: handler)
            }
        }
    }

    private func registerProspecting(_ group: any RoutesBuilder) {
        on(group, [.POST, .GET], "mixed_people/api_search", SimRoutes.peopleSearch) { try await $0.peopleSearch($1) }
        on(group, [.POST], "mixed_people/search", SimRoutes.legacyPeopleSearch) { _, _ in
            .error(
                "This endpoint is deprecated for API callers. Please use the new mixed_people/api_search endpoint: https://docs.apollo.io/reference/people-api-search."
            )
        }
        on(group, [.POST, .GET], "people/match", SimRoutes.peopleMatch) { await $0.peopleMatch($1) }
        on(group, [.POST], "people/bulk_match", SimRoutes.peopleBulkMatch) { await $0.peopleBulkMatch($1) }
        on(group, [.GET, .POST], "organizations/enrich", SimRoutes.organizationEnrich) { await $0.organizationEnrich($1) }
        on(group, [.POST], "organizations/bulk_enrich", SimRoutes.organizationBulkEnrich) { await $0.organizationBulkEnrich($1) }
        on(group, [.POST], "mixed_companies/search", SimRoutes.organizationSearch) { try await $0.organizationSearch($1) }
        on(group, [.GET], "webhook_result/:id", SimRoutes.webhookResult) { await $0.webhookResult($1) }
    }

    private func registerCRM(_ group: any RoutesBuilder) {
        on(group, [.POST], "contacts", SimRoutes.contactCreate) { await $0.contactCreate($1) }
        on(group, [.POST], "contacts/search", SimRoutes.contactSearch) { try await $0.contactSearch($1) }
        on(group, [.POST], "contacts/bulk_create", SimRoutes.contactBulkCreate) { await $0.contactBulkCreate($1) }
        on(group, [.GET], "contacts/:id", SimRoutes.contactShow) { await $0.contactShow($1) }
        on(group, [.PATCH, .PUT], "contacts/:id", SimRoutes.contactUpdate) { await $0.contactUpdate($1) }
        on(group, [.GET], "contact_stages", SimRoutes.contactStages) { await $0.contactStages($1) }
        on(group, [.POST], "accounts", SimRoutes.accountCreate) { await $0.accountCreate($1) }
        on(group, [.POST], "accounts/search", SimRoutes.accountSearch) { try await $0.accountSearch($1) }
        on(group, [.GET], "accounts/:id", SimRoutes.accountShow) { await $0.accountShow($1) }
        on(group, [.PATCH, .PUT], "accounts/:id", SimRoutes.accountUpdate) { await $0.accountUpdate($1) }
        on(group, [.GET], "account_stages", SimRoutes.accountStages) { await $0.accountStages($1) }
        on(group, [.POST], "opportunities", SimRoutes.opportunityCreate) { await $0.opportunityCreate($1) }
        on(group, [.GET, .POST], "opportunities/search", SimRoutes.opportunitySearch) { try await $0.opportunitySearch($1) }
        on(group, [.GET], "opportunities", SimRoutes.opportunitySearch) { try await $0.opportunitySearch($1) }
        on(group, [.GET], "opportunities/:id", SimRoutes.opportunityShow) { await $0.opportunityShow($1) }
        on(group, [.PATCH, .PUT], "opportunities/:id", SimRoutes.opportunityUpdate) { await $0.opportunityUpdate($1) }
        on(group, [.GET], "opportunity_stages", SimRoutes.opportunityStages) { await $0.opportunityStages($1) }
    }

    private func registerEngagement(_ group: any RoutesBuilder) {
        on(group, [.POST], "emailer_campaigns/search", SimRoutes.sequenceSearch) { try await $0.sequenceSearch($1) }
        on(group, [.POST], "emailer_campaigns/:id/add_contact_ids", SimRoutes.sequenceAddContacts) { await $0.sequenceAddContacts($1) }
        on(group, [.POST], "emailer_campaigns/remove_or_stop_contact_ids", SimRoutes.sequenceRemoveOrStop) { await $0.sequenceRemoveOrStop($1) }
        on(group, [.POST], "tasks", SimRoutes.taskCreate) { try await $0.taskCreate($1) }
        on(group, [.POST], "tasks/bulk_create", SimRoutes.taskBulkCreate) { try await $0.taskBulkCreate($1) }
        on(group, [.POST, .GET], "tasks/search", SimRoutes.taskSearch) { try await $0.taskSearch($1) }
        on(group, [.GET, .POST], "users/search", SimRoutes.usersSearch) { try await $0.usersSearch($1) }
        on(group, [.GET], "users/api_profile", SimRoutes.apiProfile) { await $0.apiProfile($1) }
        on(group, [.GET], "email_accounts", SimRoutes.emailAccounts) { await $0.emailAccounts($1) }
        on(group, [.POST], "usage_stats/api_usage_stats", SimRoutes.apiUsageStats) { await $0.apiUsageStats($1) }
        on(group, [.POST], "usage_stats/credit_usage_stats", SimRoutes.creditUsageStats) { await $0.creditUsageStats($1) }
        on(group, [.GET], "phone_calls/search", SimRoutes.phoneCallSearch) { _, _ in
            .json(["pagination": ["page": 1, "per_page": 10, "total_entries": 0, "total_pages": 0], "phone_calls": [], "breadcrumbs": []])
        }
        group.get("auth", "health") { [engine] request in
            ApolloHTTPAdapter.httpResponse(await engine.authHealth(apiKey: request.headers.first(name: "x-api-key")))
        }
    }
}
