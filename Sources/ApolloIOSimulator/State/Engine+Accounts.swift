import Foundation

/// Accounts in the team's workspace (CONTRACT §8.10–8.14).
extension SimulatorEngine {
    func accountCreate(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        if let invalid = invalidIDs(parameters, ["owner_id", "account_stage_id"]) { return invalid }
        guard parameters.string("name") != nil || parameters.string("domain") != nil else {
            return .error("Please specify at least a name or domain.")
        }
        // Accounts are never deduplicated on create.
        var account = SimAccount(
            id: newID(), name: nil, domain: nil, organizationID: nil, stageID: data.accountStages.first?.id, ownerID: nil,
            phone: nil, createdAt: now, updatedAt: now)
        apply(parameters, to: &account)
        data.insert(account: account)
        return .json(["account": Serialize.account(account)])
    }

    private func apply(_ parameters: RequestParameters, to account: inout SimAccount) {
        parameters.assign("name", to: &account, at: \.name)
        parameters.assign("owner_id", to: &account, at: \.ownerID)
        parameters.assign("account_stage_id", to: &account, at: \.stageID)
        parameters.assign("phone", to: &account, at: \.phone)
        if parameters.values["domain"] != nil {
            account.domain = parameters.string("domain").map(Self.bareDomain)
            account.organizationID = account.domain.flatMap { data.organization(domain: $0)?.id }
        }
        account.updatedAt = now
    }

    func accountUpdate(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, ObjectID.isValid(id) else { return .error("Parameters misconfigured. account_id is not a valid ID") }
        if let invalid = invalidIDs(request.parameters, ["owner_id", "account_stage_id"]) { return invalid }
        guard let index = data.accountIndex[id], !data.accounts[index].deleted else { return .error("Account does not exist.") }
        apply(request.parameters, to: &data.accounts[index])
        return .json(["account": Serialize.account(data.accounts[index]), "labels": []])
    }

    func accountShow(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, ObjectID.isValid(id) else { return .error("Parameters misconfigured. id is not a valid ID") }
        guard let account = data.account(id: id), !account.deleted else { return .error("Account does not exist.") }
        return .json(["account": Serialize.account(account)])
    }

    func accountSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let stages = Set(parameters.strings("account_stage_ids"))
        if stages.contains(where: { !ObjectID.isValid($0) }) {
            return .error("Your search parameters are entered incorrectly. Did you try to edit the URL directly?")
        }
        let name = parameters.string("q_organization_name")?.lowercased()
        var matches = data.accounts.filter { account in
            !account.deleted && (stages.isEmpty || stages.contains(account.stageID ?? ""))
                && (name.map { account.name?.lowercased().contains($0) ?? false } ?? true)
        }
        let sort = try Self.sortOrder(
            parameters, field: "sort_by_field", allowed: ["account_created_at", "account_updated_at", "account_last_activity_date"])
        let ascending = parameters.bool("sort_ascending")
        let key: (SimAccount) -> Date = sort == "account_created_at" ? { $0.createdAt } : { $0.updatedAt }
        matches.sort { ascending ? (key($0), $0.id) < (key($1), $1.id) : (key($0), $0.id) > (key($1), $1.id) }
        return .json([
            "accounts": .array(
                paging.slice(matches).map { account in
                    var object = Serialize.account(account).objectMembers
                    object["num_contacts"] = .number(data.contacts.filter { $0.accountID == account.id && !$0.deleted }.count)
                    return .object(object)
                }),
            "breadcrumbs": [], "partial_results_only": false, "has_join": false, "disable_eu_prospecting": false,
            "partial_results_limit": 10_000, "pagination": paging.envelope(total: matches.count), "num_fetch_result": nil,
        ])
    }

    func accountStages(_ request: SimRequest) -> SimResponse {
        .json(["account_stages": .array(data.accountStages.map { Serialize.stage($0, teamID: data.teamID) })])
    }
}
