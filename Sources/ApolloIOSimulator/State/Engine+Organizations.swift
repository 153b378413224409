import Foundation

/// Organization enrichment and search (CONTRACT §7.5–7.7).
extension SimulatorEngine {
    func findOrganization(_ identity: RequestParameters) -> SimOrganization? {
        if let domain = identity.string("domain") ?? identity.string("website") {
            return data.organization(domain: Self.bareDomain(domain))
        }
        if let url = identity.string("linkedin_url") {
            let wanted = Dataset.normalizedLinkedIn(url)
            return data.organizations.first { Dataset.normalizedLinkedIn($0.linkedinURL) == wanted }
        }
        if let name = identity.string("name") {
            return data.organizations.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }
        return nil
    }

    func organizationEnrich(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        guard ["domain", "website", "linkedin_url", "name"].contains(where: { parameters.string($0) != nil }) else {
            return .error("Required parameter 'domain' missing")
        }
        // An unknown organization is a 200 with an empty object, as third parties observed (CONTRACT §7.5).
        guard let organization = findOrganization(parameters) else { return .json([:]) }
        credits.charge(lead: 1, route: "api/v1/organizations/enrich", records: [organization.id])
        return .json(["organization": organizationWithAccount(organization)])
    }

    func organizationBulkEnrich(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        let identities: [RequestParameters]
        let byDetails: Bool
        if case .array(let details)? = parameters["details"] {
            identities = details.map { RequestParameters(values: $0.objectMembers) }
            byDetails = true
        } else {
            identities = parameters.strings("domains").map { RequestParameters(values: ["domain": .string($0)]) }
            byDetails = false
        }
        if identities.isEmpty { return .bulkError("INVALID_REQUEST", "invalid request, missing domains") }
        if identities.count > 10 { return .bulkError("RECORD_LIMIT_EXCEEDED", "domain count cannot be more than 10") }
        var found: [SimOrganization] = []
        for identity in identities {
            if let organization = findOrganization(identity), !found.contains(where: { $0.id == organization.id }) { found.append(organization) }
        }
        credits.charge(lead: Double(found.count), route: "api/v1/organizations/bulk_enrich", records: found.map(\.id))
        let unique = Set(identities.map { $0.string("domain") ?? $0.string("name") ?? "" }).count
        return .json([
            "status": "success", "error_code": nil, "error_message": nil,
            "total_requested_domains": byDetails ? nil : .number(identities.count), "unique_domains": byDetails ? nil : .number(unique),
            "total_requested_records": byDetails ? .number(identities.count) : nil, "unique_records": byDetails ? .number(unique) : nil,
            "unique_enriched_records": .number(found.count), "missing_records": .number(unique - found.count),
            "organizations": .array(found.map(organizationWithAccount)),
        ])
    }

    func organizationSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let core = OrganizationFilterCore(
            locations: parameters.strings("organization_locations").map { $0.lowercased() },
            domains: Set(parameters.strings("q_organization_domains_list").map(Self.bareDomain)),
            employeeRanges: EmployeeRanges.parse(parameters.strings("organization_num_employees_ranges")),
            revenue: parameters.range("revenue_range"))
        let excluded = parameters.strings("organization_not_locations").map { $0.lowercased() }
        let name = parameters.string("q_organization_name")?.lowercased()
        let tags = Set(parameters.strings("q_organization_keyword_tags").map { $0.lowercased() })
        let ids = Set(parameters.strings("organization_ids"))
        let matches = data.organizations.filter { organization in
            core.matches(organization)
                && (excluded.isEmpty
                    || !LocationMatch.any(excluded, city: organization.city, state: organization.state, country: organization.country))
                && (name.map { organization.name.lowercased().contains($0) } ?? true)
                && (tags.isEmpty || !tags.isDisjoint(with: organization.keywords))
                && (ids.isEmpty || ids.contains(organization.id))
        }
        let page = Array(paging.slice(matches))
        if !page.isEmpty { credits.charge(lead: 1, route: "api/v1/mixed_companies/search") }
        let saved = Dictionary(
            data.accounts.filter { !$0.deleted }.compactMap { a in a.organizationID.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let accounts = page.compactMap { organization in saved[organization.id].map { (organization, $0) } }
        return .json([
            "breadcrumbs": [], "partial_results_only": false, "has_join": false, "disable_eu_prospecting": false,
            "partial_results_limit": 10_000, "pagination": paging.envelope(total: matches.count),
            "accounts": .array(
                accounts.map { organization, account in
                    var object = Serialize.organizationLite(organization).objectMembers
                    object["id"] = .string(account.id)
                    object["organization_id"] = .string(organization.id)
                    object["domain"] = .string(organization.domain)
                    return .object(object)
                }),
            "organizations": .array(page.filter { saved[$0.id] == nil }.map(Serialize.organizationLite)),
            "model_ids": .strings(page.map(\.id)), "num_fetch_result": nil, "derived_params": nil,
        ])
    }

    private func organizationWithAccount(_ organization: SimOrganization) -> JSONValue {
        var object = Serialize.organization(organization).objectMembers
        if let account = data.accounts.first(where: { $0.organizationID == organization.id && !$0.deleted }) {
            object["account_id"] = .string(account.id)
        }
        return .object(object)
    }
}
