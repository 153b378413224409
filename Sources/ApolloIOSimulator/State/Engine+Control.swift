import Foundation

/// The control surface tests and benchmarks drive (served under `/__simulator`, never under `/api`).
extension SimulatorEngine {
    public func setTimeScale(_ scale: Double) { clock.setScale(scale) }
    public var timeScale: Double { clock.scale }

    /// Moves simulated time `seconds` ahead at once: windows reset, outages end and webhook deliveries fall due as if
    /// that time had passed.
    public func advanceClock(seconds: Double) { clock.advance(by: seconds) }

    /// The simulated present, in seconds since 1970.
    public var simulatedNow: Double { now.timeIntervalSince1970 }

    public func setFaults(_ settings: FaultSettings) { faults = settings }
    public func currentFaults() -> FaultSettings { faults }

    /// Starts a full outage lasting `seconds` simulated seconds.
    public func startOutage(seconds: Double) { faults.outageUntil = now.addingTimeInterval(seconds) }

    public func setRetryAfter(_ enabled: Bool) { configuration.sendRetryAfter = enabled }

    /// Switches the odd field types of ``SimulatorConfiguration/quirks`` on or off.
    public func setQuirks(_ enabled: Bool) { configuration.quirks = enabled }

    public func setPlan(_ plan: PlanProfile) { configuration.plan = plan }

    public func setMasterKeyOnly(_ label: String, _ masterOnly: Bool) {
        if masterOnly { configuration.masterKeyOnlyRoutes.insert(label) } else { configuration.masterKeyOnlyRoutes.remove(label) }
    }

    /// Clears counters, credits and rate-limit windows (data stays).
    public func resetUsage() {
        counters.reset()
        credits.reset()
        limiter.reset()
    }

    /// Calls to a route label, all of them or those answered with `status`.
    public func callCount(route: String, status: Int? = nil) -> Int {
        let statuses = counters.calls[route] ?? [:]
        return status.map { statuses[$0] ?? 0 } ?? statuses.values.reduce(0, +)
    }

    /// Credits charged so far, all pools together.
    public var creditsCharged: Double { credits.lead + credits.directDial }

    /// Calls answered 429, all routes together.
    public var rateLimitedCalls: Int { counters.calls.values.reduce(0) { $0 + ($1[429] ?? 0) } }

    /// Calls by route and status, credits by pool and route.
    public func countersJSON() -> JSONValue {
        [
            "total_calls": .number(counters.total), "calls": counters.json,
            "credits": [
                "lead_credit": .double(credits.lead), "direct_dial_credit": .double(credits.directDial),
                "total": .double(credits.lead + credits.directDial),
                "by_route": .object(credits.byRoute.mapValues(JSONValue.double)),
                "charged_more_than_once": .object(credits.chargedMoreThanOnce.mapValues { .int(Int64($0)) }),
            ],
            "closed_minute_windows": .object(
                limiter.closedMinutes.mapValues { total in
                    ["windows": .int(Int64(total.windows)), "calls": .int(Int64(total.calls)), "seconds": .double(total.seconds)]
                }),
            "time_scale": .double(clock.scale), "simulated_now": Serialize.date(now),
        ]
    }

    /// Changes a contact the way a teammate would in Apollo's UI: fields change and `updated_at` moves.
    public func mutateContact(id: String, fields: [String: JSONValue]) -> Bool {
        guard let index = data.contactIndex[id], !data.contacts[index].deleted else { return false }
        let parameters = RequestParameters(values: fields)
        if let first = parameters.string("first_name") { data.contacts[index].firstName = first }
        if let last = parameters.string("last_name") { data.contacts[index].lastName = last }
        if let title = parameters.string("title") { data.contacts[index].title = title }
        if let email = parameters.string("email") { data.contacts[index].email = email }
        if let stage = parameters.string("contact_stage_id") { data.contacts[index].stageID = stage }
        if fields["contact_stage_id"] == .null { data.contacts[index].stageID = nil }
        if let owner = parameters.string("owner_id") { data.contacts[index].ownerID = owner }
        data.contacts[index].updatedAt = now
        return true
    }

    /// Moves a deal to another stage.
    public func moveOpportunity(id: String, toStage stageID: String) -> Bool {
        guard let index = data.opportunityIndex[id], !data.opportunities[index].deleted,
            data.opportunityStages.contains(where: { $0.id == stageID })
        else { return false }
        data.opportunities[index].stageID = stageID
        data.opportunities[index].stageUpdatedAt = now
        data.opportunities[index].updatedAt = now
        return true
    }

    /// Deletes a contact, account or opportunity.
    public func deleteRecord(kind: String, id: String) -> Bool {
        switch kind {
        case "contacts":
            guard let index = data.contactIndex[id], !data.contacts[index].deleted else { return false }
            data.contacts[index].deleted = true
        case "accounts":
            guard let index = data.accountIndex[id], !data.accounts[index].deleted else { return false }
            data.accounts[index].deleted = true
        case "opportunities":
            guard let index = data.opportunityIndex[id], !data.opportunities[index].deleted else { return false }
            data.opportunities[index].deleted = true
        default:
            return false
        }
        return true
    }

    /// A read-only look at the data, for tests that need real ids and emails.
    public func snapshot() -> Dataset { data }
}
