import Foundation

/// Deals, called opportunities in the API (CONTRACT §9).
extension SimulatorEngine {
    func opportunityStage(_ id: String?) -> SimStage? { data.opportunityStages.first { $0.id == id } }

    func opportunityJSON(_ opportunity: SimOpportunity) -> JSONValue {
        var object = Serialize.opportunity(opportunity, stage: opportunityStage(opportunity.stageID)).objectMembers
        object["opportunity_pipeline_id"] = .string(data.pipelineID)
        if let account = opportunity.accountID.flatMap(data.account(id:)) { object["account"] = Serialize.account(account) }
        return .object(object)
    }

    func opportunityCreate(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        guard let name = parameters.string("name") else { return .error("Name is required") }
        if let invalid = invalidIDs(parameters, ["owner_id", "account_id", "opportunity_stage_id"]) { return invalid }
        var opportunity = SimOpportunity(
            id: newID(), name: name, amount: nil, ownerID: nil, accountID: nil, stageID: data.opportunityStages.first?.id,
            closedDate: nil, createdAt: now, updatedAt: now, stageUpdatedAt: now)
        apply(parameters, to: &opportunity)
        data.insert(opportunity: opportunity)
        return .json(["opportunity": opportunityJSON(opportunity)])
    }

    /// `amount` is a string of digits; commas or symbols leave it blank (CONTRACT §9.1).
    private func apply(_ parameters: RequestParameters, to opportunity: inout SimOpportunity) {
        if let name = parameters.string("name") { opportunity.name = name }
        if let owner = parameters.string("owner_id") { opportunity.ownerID = owner }
        if let account = parameters.string("account_id") { opportunity.accountID = account }
        if let closed = parameters.string("closed_date") { opportunity.closedDate = closed }
        if let amount = parameters["amount"] {
            opportunity.amount = amount.stringValue.flatMap { text in text.allSatisfy(\.isNumber) ? Int(text) : nil } ?? amount.intValue
        }
        if let stage = parameters.string("opportunity_stage_id"), stage != opportunity.stageID {
            opportunity.stageID = stage
            opportunity.stageUpdatedAt = now
        }
        opportunity.updatedAt = now
    }

    func opportunityShow(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, ObjectID.isValid(id) else { return .error("Parameters misconfigured. opportunity_id is not a valid ID") }
        guard let opportunity = data.opportunity(id: id), !opportunity.deleted else {
            return .json(["status": 404, "error": "Not Found"], status: 404)
        }
        var object = opportunityJSON(opportunity).objectMembers
        object["num_contacts"] = 0
        return .json(["opportunity": .object(object)])
    }

    func opportunityUpdate(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, ObjectID.isValid(id) else { return .error("Parameters misconfigured. opportunity_id is not a valid ID") }
        if let invalid = invalidIDs(request.parameters, ["owner_id", "account_id", "opportunity_stage_id"]) { return invalid }
        guard let index = data.opportunityIndex[id], !data.opportunities[index].deleted else { return .error("Opportunity does not exist.") }
        apply(request.parameters, to: &data.opportunities[index])
        return .json(["opportunity": opportunityJSON(data.opportunities[index])])
    }

    func opportunitySearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let name = parameters.string("q_opportunity_name")?.lowercased()
        var matches = data.opportunities.filter { opportunity in
            !opportunity.deleted && (name.map { opportunity.name.lowercased().contains($0) } ?? true)
        }
        let sort = try Self.sortOrder(parameters, field: "sort_by_field", allowed: ["amount", "is_closed", "is_won"])
        switch sort {
        case "amount": matches.sort { ($0.amount ?? 0, $0.id) > ($1.amount ?? 0, $1.id) }
        case "is_closed":
            matches.sort {
                (opportunityStage($0.stageID)?.isClosed == true ? 1 : 0, $0.id) > (opportunityStage($1.stageID)?.isClosed == true ? 1 : 0, $1.id)
            }
        case "is_won":
            matches.sort {
                (opportunityStage($0.stageID)?.isWon == true ? 1 : 0, $0.id) > (opportunityStage($1.stageID)?.isWon == true ? 1 : 0, $1.id)
            }
        default: matches.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        }
        return .json([
            "breadcrumbs": [], "opportunities": .array(paging.slice(matches).map(opportunityJSON)), "salesforce_users": [],
            "partial_results_only": false, "has_join": false, "disable_eu_prospecting": false, "partial_results_limit": 10_000,
            "pagination": paging.envelope(total: matches.count), "num_fetch_result": nil,
        ])
    }

    func opportunityStages(_ request: SimRequest) -> SimResponse {
        .json([
            "opportunity_stages": .array(
                data.opportunityStages.map { stage in
                    [
                        "id": .string(stage.id), "team_id": .string(data.teamID), "name": .string(stage.name), "display_order": .number(stage.order),
                        "forecast_category_cd": stage.isClosed ? (stage.isWon ? "Closed" : "Omitted") : "Pipeline",
                        "is_won": .bool(stage.isWon), "is_closed": .bool(stage.isClosed), "probability": .number(stage.probability),
                        "description": nil, "salesforce_id": nil, "is_meeting_set": nil, "opportunity_pipeline_id": .string(data.pipelineID),
                        "is_editable": true, "type": stage.isClosed ? (stage.isWon ? "Won" : "Lost") : "Open",
                    ]
                })
        ])
    }
}
