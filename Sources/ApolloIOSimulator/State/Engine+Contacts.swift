import Foundation

/// Contacts in the team's workspace (CONTRACT §8.1–8.8).
extension SimulatorEngine {
    /// `422 "Parameters misconfigured. <value> is not a valid ID"` for ids that are not 24-hex.
    func invalidIDs(_ parameters: RequestParameters, _ keys: [String]) -> SimResponse? {
        for key in keys {
            if let value = parameters.string(key), !ObjectID.isValid(value) {
                return .error("Parameters misconfigured. \(value) is not a valid ID")
            }
        }
        return nil
    }

    func contactCreate(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        if let invalid = invalidIDs(parameters, ["account_id", "contact_stage_id", "owner_id"]) { return invalid }
        if parameters.bool("run_dedupe"), let index = dedupeMatch(parameters) {
            apply(parameters, to: &data.contacts[index])
            return .json(["contact": Serialize.contact(data.contacts[index])])
        }
        var contact = SimContact(
            id: newID(), personID: nil, firstName: nil, lastName: nil, title: nil, email: nil, organizationName: nil,
            organizationID: nil, accountID: nil, stageID: data.contactStages.first?.id, ownerID: nil, linkedinURL: nil,
            phone: nil, labelNames: [], createdAt: now, updatedAt: now)
        apply(parameters, to: &contact)
        if let email = contact.email, let person = data.person(email: email) {
            contact.personID = person.id
            contact.organizationID = person.organizationID
        }
        data.insert(contact: contact)
        return .json(["contact": Serialize.contact(contact)])
    }

    /// Dedupe order: id → person id → email → name with company (CONTRACT §8.1).
    private func dedupeMatch(_ parameters: RequestParameters) -> Int? {
        let live = data.contacts.indices.filter { !data.contacts[$0].deleted }
        if let id = parameters.string("id"), let index = data.contactIndex[id], !data.contacts[index].deleted { return index }
        if let personID = parameters.string("person_id"), let index = live.first(where: { data.contacts[$0].personID == personID }) { return index }
        if let email = parameters.string("email")?.lowercased(), let index = live.first(where: { data.contacts[$0].email?.lowercased() == email }) {
            return index
        }
        guard let first = parameters.string("first_name"), let last = parameters.string("last_name"),
            let company = parameters.string("organization_name")
        else { return nil }
        return live.first { index in
            let contact = data.contacts[index]
            return contact.firstName == first && contact.lastName == last && contact.organizationName == company
        }
    }

    /// Sent fields overwrite, omitted fields stay, empty values clear.
    private func apply(_ parameters: RequestParameters, to contact: inout SimContact) {
        parameters.assign("first_name", to: &contact, at: \.firstName)
        parameters.assign("last_name", to: &contact, at: \.lastName)
        parameters.assign("title", to: &contact, at: \.title)
        parameters.assign("email", to: &contact, at: \.email)
        parameters.assign("organization_name", to: &contact, at: \.organizationName)
        parameters.assign("account_id", to: &contact, at: \.accountID)
        parameters.assign("contact_stage_id", to: &contact, at: \.stageID)
        parameters.assign("owner_id", to: &contact, at: \.ownerID)
        parameters.assign("linkedin_url", to: &contact, at: \.linkedinURL)
        parameters.assign("direct_phone", to: &contact, at: \.phone)
        if parameters.values["label_names"] != nil { contact.labelNames = parameters.strings("label_names") }
        contact.updatedAt = now
    }

    func contactUpdate(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, ObjectID.isValid(id) else { return .error("Parameters misconfigured. contact_id is not a valid ID") }
        if let invalid = invalidIDs(request.parameters, ["account_id", "contact_stage_id", "owner_id"]) { return invalid }
        guard let index = data.contactIndex[id] else { return .error("Oops! This contact does not exist in Apollo.") }
        if data.contacts[index].deleted {
            return .json(["error": "Cannot update contact as it is deleted.", "deleted_contact_ids": [.string(id)]], status: 422)
        }
        apply(request.parameters, to: &data.contacts[index])
        return .json(["contact": Serialize.contact(data.contacts[index])])
    }

    func contactShow(_ request: SimRequest) -> SimResponse {
        guard let id = request.pathID, let contact = data.contact(id: id) else { return .error("Oops! This contact does not exist in Apollo.") }
        if contact.deleted { return .error("This contact has been deleted.") }
        return .json(["contact": Serialize.contact(contact)])
    }

    func contactSearch(_ request: SimRequest) throws(SimResponseBox) -> SimResponse {
        let parameters = request.parameters
        let paging = try Paging.read(parameters, maxPage: configuration.displayLimitPages)
        let keywords = parameters.string("q_keywords")?.lowercased()
        let stages = Set(parameters.strings("contact_stage_ids"))
        let sort = try Self.sortOrder(
            parameters, field: "sort_by_field", allowed: ["contact_created_at", "contact_updated_at", "contact_last_activity_date"])
        let order = contactOrder(byCreation: sort == "contact_created_at", ascending: parameters.bool("sort_ascending"))
        // Fields read in place through a buffer: copying each contact (or the dataset) on every page of a
        // 60,000-contact sync dominated its time.
        let matches = data.contacts.withUnsafeBufferPointer { contacts in
            order.filter { index in
                guard !contacts[index].deleted else { return false }
                if !stages.isEmpty, !stages.contains(contacts[index].stageID ?? "") { return false }
                guard let keywords else { return true }
                let contact = contacts[index]
                let haystack = [contact.firstName, contact.lastName, contact.title, contact.organizationName, contact.email]
                    .compactMap { $0 }.joined(separator: " ").lowercased()
                return haystack.contains(keywords)
            }
        }
        let breadcrumbs = JSONValue.array(
            stages.sorted().map { id in
                let name = data.contactStages.first { $0.id == id }?.name ?? "[Deleted Stage]"
                return ["label": "Contact Stage", "signal_field_name": "contact_stage_ids", "value": .string(id), "display_name": .string(name)]
            })
        return .json([
            "contacts": .array(paging.slice(matches).map { Serialize.contact(data.contacts[$0]) }), "breadcrumbs": breadcrumbs,
            "partial_results_only": false, "has_join": false, "disable_eu_prospecting": false, "partial_results_limit": 10_000,
            "pagination": paging.envelope(total: matches.count), "num_fetch_result": nil,
        ])
    }

    /// Every contact's index in an order (ties broken by id), kept until the contacts change.
    private func contactOrder(byCreation: Bool, ascending: Bool) -> [Int] {
        let key = "\(byCreation)-\(ascending)"
        if let cached = contactOrders[key], cached.revision == data.contactsRevision { return cached.indices }
        let contacts = data.contacts
        let date: (Int) -> Date = byCreation ? { contacts[$0].createdAt } : { contacts[$0].updatedAt }
        let indices = contacts.indices.sorted { a, b in
            let left = (date(a), contacts[a].id)
            let right = (date(b), contacts[b].id)
            return ascending ? left < right : left > right
        }
        contactOrders[key] = (data.contactsRevision, indices)
        return indices
    }

    /// A sort field from a fixed list; nil means Apollo's default order (newest first).
    static func sortOrder(_ parameters: RequestParameters, field: String, allowed: Set<String>) throws(SimResponseBox) -> String? {
        guard let sort = parameters.string(field) else { return nil }
        guard allowed.contains(sort) else { throw SimResponseBox(.json(["error": "Invalid sort criteria", "skip_alert_dialog": true], status: 422)) }
        return sort
    }

    func contactBulkCreate(_ request: SimRequest) -> SimResponse {
        let parameters = request.parameters
        guard case .array(let entries)? = parameters["contacts"], !entries.isEmpty else {
            return .error("Please provide an array of contact attributes in the \"contact_attributes\" parameter.")
        }
        if entries.count > 100 { return .error("Please limit your array to 100 contacts or fewer.") }
        if let invalid = invalidIDs(parameters, ["owner_id"]) { return invalid }
        var created: [JSONValue] = []
        var existing: [JSONValue] = []
        for entry in entries {
            var fields = entry.objectMembers
            if let owner = parameters["owner_id"] { fields["owner_id"] = owner }
            let entryParameters = RequestParameters(values: fields)
            if parameters.bool("run_dedupe"), let index = dedupeMatch(entryParameters) {
                existing.append(Serialize.contact(data.contacts[index]))
                continue
            }
            var contact = SimContact(
                id: newID(), personID: nil, firstName: nil, lastName: nil, title: nil, email: nil, organizationName: nil,
                organizationID: nil, accountID: nil, stageID: data.contactStages.first?.id, ownerID: nil, linkedinURL: nil,
                phone: nil, labelNames: parameters.strings("append_label_names"), createdAt: now, updatedAt: now)
            apply(entryParameters, to: &contact)
            data.insert(contact: contact)
            created.append(Serialize.contact(contact))
        }
        return .json(["created_contacts": .array(created), "existing_contacts": .array(existing)])
    }

    func contactStages(_ request: SimRequest) -> SimResponse {
        .json(["contact_stages": .array(data.contactStages.map { Serialize.stage($0, teamID: data.teamID) })])
    }
}
