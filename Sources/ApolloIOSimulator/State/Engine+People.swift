import Foundation

/// People search and enrichment (CONTRACT §7.1–7.4).
extension SimulatorEngine {
    func peopleSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let filter = PeopleFilter(parameters)
        let matches = data.people.filter { filter.matches($0, organization: data.organization(id: $0.organizationID)) }
        let page = paging.slice(matches).map { Serialize.searchResult($0, organization: data.organization(id: $0.organizationID)) }
        return .json([
            "total_entries": .number(matches.count), "people": .array(Array(page)),
            "pagination": paging.envelope(total: matches.count), "breadcrumbs": filter.breadcrumbs,
            "partial_results_only": false, "partial_results_limit": 10_000,
        ])
    }

    /// Match order: id → email / hashed email → LinkedIn URL → name with domain or organization name (CONTRACT §15.7).
    func findPerson(_ identity: RequestParameters) -> SimPerson? {
        if let id = identity.string("id") { return data.person(id: id) }
        if let email = identity.string("email"), let person = data.person(email: email) { return person }
        if let hashed = identity.string("hashed_email")?.lowercased(),
            let person = data.people.first(where: { $0.email.map { EmailHash.matches($0, hash: hashed) } ?? false })
        {
            return person
        }
        if let url = identity.string("linkedin_url"), let person = data.person(linkedinURL: url) { return person }
        let first = identity.string("first_name") ?? identity.string("name")?.split(separator: " ").first.map(String.init)
        let last = identity.string("last_name") ?? identity.string("name")?.split(separator: " ").dropFirst().joined(separator: " ")
        guard let first, let last, !last.isEmpty else { return nil }
        let organization: SimOrganization? =
            identity.string("domain").flatMap { data.organization(domain: Self.bareDomain($0)) }
            ?? identity.string("organization_name").flatMap { name in
                data.organizations.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            }
        guard let organization else { return nil }
        return data.people.first {
            $0.organizationID == organization.id && $0.firstName.caseInsensitiveCompare(first) == .orderedSame
                && $0.lastName.caseInsensitiveCompare(last) == .orderedSame
        }
    }

    static func bareDomain(_ text: String) -> String {
        var domain = text.lowercased()
        for prefix in ["https://", "http://", "www."] where domain.hasPrefix(prefix) { domain.removeFirst(prefix.count) }
        return domain.split(separator: "/").first.map(String.init) ?? domain
    }

    func peopleMatch(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        if let missing = webhookRequirement(parameters) { return missing }
        guard let person = findPerson(parameters) else { return .json(["person": nil]) }
        credits.charge(lead: 1, route: "api/v1/people/match", records: [person.id])
        let kind = RevealKind(parameters)
        var body: [String: JSONValue] = ["person": enrichedPerson(person, parameters: parameters, kind: kind)]
        if let kind {
            body["request_id"] = .int(scheduleReveal(people: [person], kind: kind, webhookURL: parameters.string("webhook_url")!))
            if kind.waterfall { body["waterfall"] = Self.waterfallAccepted }
        }
        return .json(.object(body))
    }

    func peopleBulkMatch(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        guard let details = parameters["details"] else { return .bulkError("INVALID_REQUEST", "invalid request, missing details") }
        guard case .array(let entries) = details else {
            return .bulkError("UNKNOWN_ERROR", "no implicit conversion of Symbol into Integer", status: 422)
        }
        if entries.isEmpty { return .bulkError("INVALID_REQUEST", "invalid request, missing details") }
        if entries.count > 10 { return .bulkError("RECORD_LIMIT_EXCEEDED", "cannot enrich more than 10 in a single request") }
        if let missing = webhookRequirement(parameters) { return missing }
        var matches: [JSONValue] = []
        var found: [SimPerson] = []
        for entry in entries {
            guard case .object(let fields) = entry else {
                return .bulkError("UNKNOWN_ERROR", "no implicit conversion of Symbol into Integer", status: 422)
            }
            if let person = findPerson(RequestParameters(values: fields)) {
                matches.append(enrichedPerson(person, parameters: parameters, kind: RevealKind(parameters)))
                if !found.contains(where: { $0.id == person.id }) { found.append(person) }
            } else {
                matches.append(.null)
            }
        }
        credits.charge(lead: Double(found.count), route: "api/v1/people/bulk_match", records: found.map(\.id))
        var body: [String: JSONValue] = [
            "status": "success", "error_code": nil, "error_message": nil,
            "total_requested_enrichments": .number(entries.count), "unique_enriched_records": .number(found.count),
            "missing_records": .number(entries.count - matches.filter { $0 != .null }.count),
            "credits_consumed": .number(found.count), "matches": .array(matches),
        ]
        if let kind = RevealKind(parameters) {
            if !found.isEmpty { body["request_id"] = .int(scheduleReveal(people: found, kind: kind, webhookURL: parameters.string("webhook_url")!)) }
            if kind.waterfall {
                // A waterfall's answer leaves its counts out (not 0) and carries the acknowledgement (CONTRACT §7.4).
                for key in ["unique_enriched_records", "missing_records", "credits_consumed"] { body[key] = nil }
                body["waterfall"] = Self.waterfallAccepted
            }
        }
        return .json(.object(body))
    }

    private static let waterfallAccepted: JSONValue = [
        "status": "accepted", "message": "Waterfall enrichment accepted; results will be sent to the provided webhook URL.",
    ]

    /// A match as the synchronous answer shows it; an email waterfall leaves out the email it will deliver later.
    private func enrichedPerson(_ person: SimPerson, parameters: RequestParameters, kind: RevealKind?) -> JSONValue {
        let contactID = data.contacts.first { $0.personID == person.id && !$0.deleted }?.id
        let json = Serialize.person(
            person, organization: data.organization(id: person.organizationID), contactID: contactID,
            personalEmails: parameters.bool("reveal_personal_emails"))
        guard kind?.emails == true, case .object(var members) = json else { return json }
        members["email"] = nil
        members["email_status"] = nil
        return .object(members)
    }

    private func webhookRequirement(_ parameters: RequestParameters) -> SimResponse? {
        let asynchronous = parameters.bool("reveal_phone_number") || parameters.bool("run_waterfall_email") || parameters.bool("run_waterfall_phone")
        guard asynchronous else { return nil }
        guard let url = parameters.string("webhook_url"), URL(string: url)?.scheme?.hasPrefix("http") == true else {
            return .error("Please add a valid 'webhook_url' parameter", status: 400)
        }
        return nil
    }
}
