import Foundation

/// Sequences, tasks, users and mailboxes (CONTRACT §10–12.5).
extension SimulatorEngine {
    func sequenceSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let name = parameters.string("q_name")?.lowercased()
        let matches = data.sequences.filter { sequence in name.map { sequence.name.lowercased().contains($0) } ?? true }
        return .json([
            "pagination": paging.envelope(total: matches.count),
            "breadcrumbs": name.map { ["label": "Name", "signal_field_name": "q_name", "value": .string($0), "display_name": .string($0)] }
                .map { .array([$0]) } ?? [],
            "emailer_campaigns": .array(paging.slice(matches).map(Serialize.sequence)), "num_fetch_result": nil,
        ])
    }

    /// Adds contacts to a sequence, reporting each skipped contact's reason (CONTRACT §10.2).
    func sequenceAddContacts(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        guard let sequenceID = request.pathID, let sequence = data.sequences.first(where: { $0.id == sequenceID }) else {
            return .json(["error": "Record not found."], status: 404)
        }
        guard parameters.string("emailer_campaign_id") == sequenceID, let mailboxID = parameters.string("send_email_from_email_account_id")
        else { return .error("Please specify a emailer_campaign_id and send_email_from_email_account_id.") }
        let contactIDs = parameters.strings("contact_ids")
        let labels = Set(parameters.strings("label_names"))
        guard !contactIDs.isEmpty || !labels.isEmpty else { return .error("Please specify either contact_ids or label_names.") }
        guard let owner = data.users.first(where: { $0.emailAccountID == mailboxID }), owner.emailAccountActive else {
            return .error("These mailboxes are no longer active. \(data.users.first { $0.emailAccountID == mailboxID }?.email ?? mailboxID)")
        }
        let status = parameters.string("status") == "paused" ? "paused" : "active"
        let wanted = contactIDs + data.contacts.filter { !labels.isDisjoint(with: $0.labelNames) }.map(\.id)
        var skipped: [String: JSONValue] = [:]
        var added: [JSONValue] = []
        for id in wanted where skipped[id] == nil {
            guard let index = data.contactIndex[id], !data.contacts[index].deleted else {
                skipped[id] = "contact_not_found"
                continue
            }
            let contact = data.contacts[index]
            if let reason = skipReason(contact, sequenceID: sequence.id, parameters) {
                skipped[id] = .string(reason)
                continue
            }
            data.contacts[index].sequenceStatuses[sequence.id] = status
            data.contacts[index].updatedAt = now
            added.append(Serialize.contact(data.contacts[index]))
        }
        return .json([
            "contacts": .array(added), "skipped_contact_ids": .object(skipped),
            "emailer_campaign": Serialize.sequence(sequence), "emailer_steps": [], "emailer_touches": [],
            "team": ["id": .string(data.teamID), "sequences_finder_empty": false], "signals_hash": nil,
        ])
    }

    private func skipReason(_ contact: SimContact, sequenceID: String, _ parameters: RequestParameters) -> String? {
        if let current = contact.sequenceStatuses[sequenceID], current == "active" || current == "paused" {
            return "contacts_already_exists_in_current_campaign"
        }
        let others = contact.sequenceStatuses.filter { $0.key != sequenceID }
        if others.values.contains("active") && !parameters.bool("sequence_active_in_other_campaigns") { return "contacts_active_in_other_campaigns" }
        if others.values.contains("finished") && !parameters.bool("sequence_finished_in_other_campaigns") {
            return "contacts_finished_in_other_campaigns"
        }
        if contact.email == nil && !parameters.bool("sequence_no_email") { return "contacts_without_email" }
        return nil
    }

    func sequenceRemoveOrStop(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        let sequenceIDs = parameters.strings("emailer_campaign_ids")
        let contactIDs = parameters.strings("contact_ids")
        guard !sequenceIDs.isEmpty else { return .error("Required parameter 'emailer_campaign_ids' missing") }
        guard !contactIDs.isEmpty else { return .error("Required parameter 'contact_ids' missing") }
        let newStatus: String
        switch parameters.string("mode") {
        case "remove": newStatus = "removed"
        case "stop": newStatus = "paused"
        case "mark_as_finished": newStatus = "finished"
        default: return .error("Required parameter 'mode' must be one of mark_as_finished, remove, stop")
        }
        var changed: [JSONValue] = []
        for id in contactIDs {
            guard let index = data.contactIndex[id], !data.contacts[index].deleted else { continue }
            for sequenceID in sequenceIDs where data.contacts[index].sequenceStatuses[sequenceID] != nil {
                data.contacts[index].sequenceStatuses[sequenceID] = newStatus
            }
            data.contacts[index].updatedAt = now
            changed.append(Serialize.contact(data.contacts[index]))
        }
        return .json(["contacts": .array(changed)])
    }

    private static let taskTypes: Set<String> = [
        "call", "outreach_manual_email", "linkedin_step_connect", "linkedin_step_message", "linkedin_step_view_profile",
        "linkedin_step_interact_post", "action_item",
    ]

    /// Validates and builds one task; nil with a response when Apollo would refuse it.
    private func makeTask(_ parameters: RequestParameters, contactID: String?) throws(SimResponseBox) -> SimTask {
        guard let type = parameters.string("type"), let userID = parameters.string("user_id") else {
            throw SimResponseBox(.error("type and user can not be blank"))
        }
        guard Self.taskTypes.contains(type) else { throw SimResponseBox(.error("Type is not included in the list")) }
        guard data.user(id: userID) != nil else { throw SimResponseBox(.error("Parameters misconfigured. \(userID) is not a valid ID")) }
        guard let contactID, data.contact(id: contactID) != nil else { throw SimResponseBox(.error("Contact does not exist.")) }
        guard let dueText = parameters.string("due_at"), let due = ISO8601Parsing.parse(dueText) else {
            throw SimResponseBox(.error("Due at can not be blank"))
        }
        let priority = parameters.string("priority") ?? "medium"
        guard ["high", "medium", "low"].contains(priority) else { throw SimResponseBox(.error("Priority is not included in the list")) }
        let status = parameters.string("status") ?? "scheduled"
        let title = parameters.string("title") ?? "\(type.replacingOccurrences(of: "_", with: " ").capitalized) task"
        return SimTask(
            id: newID(), userID: userID, contactID: contactID, type: type, status: status, priority: priority,
            title: title, note: parameters.string("note"), dueAt: due, createdAt: now)
    }

    func taskCreate(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let task = try makeTask(request.parameters, contactID: request.parameters.string("contact_id"))
        data.tasks.append(task)
        return .json(["task": Serialize.task(task)])
    }

    func taskBulkCreate(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let contactIDs = request.parameters.strings("contact_ids")
        guard !contactIDs.isEmpty else { return .error("Required parameter 'contact_ids' missing") }
        var tasks: [SimTask] = []
        for contactID in contactIDs {
            tasks.append(try makeTask(request.parameters, contactID: contactID))
        }
        data.tasks.append(contentsOf: tasks)
        return .json(["success": true, "tasks": .array(tasks.map(Serialize.task))])
    }

    func taskSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        if let perPage = parameters.int("per_page"), perPage > Paging.maxPerPage { return .error("Per page not supported") }
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        var matches = data.tasks
        // The filters Apollo's own CLI sends (CONTRACT §11, S-CLI).
        if let contact = parameters.string("contact_id") { matches.removeAll { $0.contactID != contact } }
        if let user = parameters.string("user_id") { matches.removeAll { $0.userID != user } }
        if let words = parameters.string("q_keywords")?.lowercased(), !words.isEmpty {
            matches.removeAll { !"\($0.title) \($0.note ?? "")".lowercased().contains(words) }
        }
        let sort = try Self.sortOrder(parameters, field: "sort_by_field", allowed: ["task_due_at", "task_priority"])
        let rank = ["high": 0, "medium": 1, "low": 2]
        if sort == "task_priority" {
            matches.sort { (rank[$0.priority] ?? 3, $0.id) < (rank[$1.priority] ?? 3, $1.id) }
        } else {
            matches.sort { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
        }
        return .json([
            "tasks": .array(paging.slice(matches).map(Serialize.task)), "breadcrumbs": [],
            "pagination": paging.envelope(total: matches.count), "pipeline_total": .number(matches.count), "num_fetch_result": nil,
        ])
    }

    func usersSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let paging = try Paging.read(request.parameters, maxPage: configuration.displayLimitPages)
        return .json([
            "pagination": paging.envelope(total: data.users.count),
            "users": .array(paging.slice(data.users).map { Serialize.user($0, teamID: data.teamID) }), "num_fetch_result": nil,
        ])
    }

    func emailAccounts(_ request: SimRequest) -> SimResponse {
        .json([
            "email_accounts": .array(
                data.users.enumerated().map { index, user in
                    [
                        "id": .string(user.emailAccountID), "user_id": .string(user.id), "email": .string(user.email), "aliases": [],
                        "type": "gmail", "active": .bool(user.emailAccountActive), "default": .bool(index == 0),
                        "seconds_delay_between_emails": 600, "provider_display_name": "Gmail",
                    ]
                })
        ])
    }
}

/// Tolerant ISO-8601 parsing for inputs (with or without fractional seconds, or a bare date).
enum ISO8601Parsing {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }
}
