import Vapor

/// The control API under `/__simulator`: time scale, faults, counters, plan, keys and data mutation.
struct ControlRoutes {
    let engine: SimulatorEngine

    func register(on app: Application) {
        let control = app.grouped("__simulator")
        control.get("counters") { [engine] _ in ApolloHTTPAdapter.httpResponse(.json(await engine.countersJSON())) }
        control.post("reset") { [engine] _ in
            await engine.resetUsage()
            return ok()
        }
        control.put("time-scale") { [engine] request in
            let body = try parameters(request)
            guard let scale = body["scale"]?.doubleValue, scale > 0 else { return bad("scale must be a positive number") }
            await engine.setTimeScale(scale)
            return ok()
        }
        control.post("clock", "advance") { [engine] request in
            let body = try parameters(request)
            guard let seconds = body["seconds"]?.doubleValue, seconds >= 0, seconds.isFinite else { return bad("seconds must be a number ≥ 0") }
            await engine.advanceClock(seconds: seconds)
            return ApolloHTTPAdapter.httpResponse(.json(.object(["simulated_now": .double(await engine.simulatedNow)])))
        }
        control.put("faults") { [engine] request in
            let body = try parameters(request)
            var settings = FaultSettings()
            settings.latencyMilliseconds = max(0, body.int("latency_ms") ?? 0)
            settings.errorRate = min(1, max(0, body["error_rate"]?.doubleValue ?? 0))
            settings.connectionResetRate = min(1, max(0, body["connection_reset_rate"]?.doubleValue ?? 0))
            settings.rateLimitBurst = max(0, body.int("rate_limit_burst") ?? 0)
            await engine.setFaults(settings)
            if let outage = body["outage_seconds"]?.doubleValue, outage > 0 { await engine.startOutage(seconds: outage) }
            return ok()
        }
        control.delete("faults") { [engine] _ in
            await engine.setFaults(FaultSettings())
            return ok()
        }
        control.put("quirks") { [engine] request in
            guard let enabled = try parameters(request)["enabled"]?.boolValue else { return bad("enabled must be a boolean") }
            await engine.setQuirks(enabled)
            return ok()
        }
        control.put("retry-after") { [engine] request in
            guard let enabled = try parameters(request)["enabled"]?.boolValue else { return bad("enabled must be a boolean") }
            await engine.setRetryAfter(enabled)
            return ok()
        }
        control.put("plan") { [engine] request in
            guard let name = try parameters(request).string("name"), let plan = PlanProfile.named(name) else {
                return bad("name must be one of free, basic, professional, organization, custom")
            }
            await engine.setPlan(plan)
            return ok()
        }
        control.put("master-key-only") { [engine] request in
            let body = try parameters(request)
            guard let route = body.string("route"), let masterOnly = body["master_only"]?.boolValue else {
                return bad("route and master_only are required")
            }
            await engine.setMasterKeyOnly(route, masterOnly)
            return ok()
        }
        registerMutations(control)
    }

    private func registerMutations(_ control: any RoutesBuilder) {
        control.patch("contacts", ":id") { [engine] request in
            let changed = await engine.mutateContact(id: request.parameters.get("id") ?? "", fields: try parameters(request).values)
            return changed ? ok() : notFound()
        }
        control.post("opportunities", ":id", "stage") { [engine] request in
            guard let stage = try parameters(request).string("stage_id") else { return bad("stage_id is required") }
            return await engine.moveOpportunity(id: request.parameters.get("id") ?? "", toStage: stage) ? ok() : notFound()
        }
        control.delete("records", ":kind", ":id") { [engine] request in
            let deleted = await engine.deleteRecord(kind: request.parameters.get("kind") ?? "", id: request.parameters.get("id") ?? "")
            return deleted ? ok() : notFound()
        }
        control.get("sample") { [engine] request in
            let people = min(max(request.query[Int.self, at: "people"] ?? 5, 0), 1_000_000)
            let contacts = min(max(request.query[Int.self, at: "contacts"] ?? 5, 0), 1_000_000)
            return ApolloHTTPAdapter.httpResponse(.json(await engine.sampleJSON(people: people, contacts: contacts)))
        }
    }
}

private func parameters(_ request: Request) throws -> RequestParameters {
    do {
        return try RequestParameters(query: request.url.query, body: request.body.data.map { Data(buffer: $0) })
    } catch {
        throw Abort(.badRequest, reason: "the body is not a JSON object")
    }
}

private func ok() -> Response { ApolloHTTPAdapter.httpResponse(.json(["ok": true])) }
private func bad(_ message: String) -> Response { ApolloHTTPAdapter.httpResponse(.error(message, status: 400)) }
private func notFound() -> Response { ApolloHTTPAdapter.httpResponse(.error("no such record", status: 404)) }

extension SimulatorEngine {
    /// A few real ids and emails (`people` of them for people), so a person at a terminal, a test or a benchmark
    /// can address real records without reading the seed.
    func sampleJSON(people: Int = 5, contacts: Int = 5) -> JSONValue {
        [
            "people": .array(
                data.people.prefix(people).map { ["id": .string($0.id), "email": .text($0.email), "linkedin_url": .string($0.linkedinURL)] }),
            "organizations": .array(data.organizations.prefix(5).map { ["id": .string($0.id), "domain": .string($0.domain)] }),
            "contacts": .strings(data.contacts.prefix(contacts).map(\.id)),
            "accounts": .strings(data.accounts.prefix(5).map(\.id)),
            "users": .array(
                data.users.map { ["id": .string($0.id), "email_account_id": .string($0.emailAccountID), "active": .bool($0.emailAccountActive)] }),
            "sequences": .strings(data.sequences.map(\.id)),
            "opportunity_stages": .strings(data.opportunityStages.map(\.id)),
            "contact_stages": .strings(data.contactStages.map(\.id)),
        ]
    }
}
