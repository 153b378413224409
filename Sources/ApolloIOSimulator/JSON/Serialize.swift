import Foundation

/// Apollo's JSON shapes (CONTRACT §13), built from the simulator's records.
enum Serialize {
    static func date(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date))
    }

    /// `Ro***s`: first two characters, three stars, last character (CONTRACT §7.1).
    static func obfuscated(_ lastName: String) -> String {
        guard lastName.count > 2 else { return String(lastName.prefix(1)) + "." }
        return String(lastName.prefix(2)) + "***" + String(lastName.suffix(1))
    }

    static func searchResult(_ person: SimPerson, organization: SimOrganization?) -> JSONValue {
        [
            "id": .string(person.id), "first_name": .string(person.firstName),
            "last_name_obfuscated": .string(obfuscated(person.lastName)), "title": .string(person.title),
            "last_refreshed_at": date(person.refreshedAt), "has_email": .bool(person.email != nil),
            "has_city": true, "has_state": true, "has_country": true,
            "has_direct_phone": person.mobilePhone != nil ? "Yes" : "Maybe: please request direct dial via people/bulk_match",
            "organization": [
                "name": .text(organization?.name), "has_industry": true, "has_phone": true, "has_city": true, "has_state": true,
                "has_country": true, "has_zip_code": false, "has_revenue": true, "has_employee_count": true,
            ],
        ]
    }

    static func person(_ person: SimPerson, organization: SimOrganization?, contactID: String?, personalEmails: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(person.id), "first_name": .string(person.firstName), "last_name": .string(person.lastName),
            "name": .string(person.name), "linkedin_url": .string(person.linkedinURL), "title": .string(person.title),
            "headline": .string("\(person.title) at \(organization?.name ?? "")"),
            "email": .text(person.email), "email_status": person.email == nil ? "unavailable" : "verified",
            "photo_url": nil, "twitter_url": nil, "github_url": nil, "facebook_url": nil,
            "organization_id": .string(person.organizationID),
            "organization": organization.map(Self.organization) ?? .null,
            "employment_history": [
                [
                    "_id": .string(person.id), "id": .string(person.id), "key": .string(person.id), "current": true,
                    "organization_id": .string(person.organizationID), "organization_name": .text(organization?.name),
                    "title": .string(person.title), "start_date": "2021-03-01", "end_date": nil,
                ]
            ],
            "city": .string(person.city), "state": .string(person.state), "country": .string(person.country),
            "departments": .strings(person.departments), "subdepartments": [], "functions": [],
            "seniority": .string(person.seniority), "is_likely_to_engage": true, "show_intent": false,
            "revealed_for_current_team": true,
        ]
        if let contactID { object["contact_id"] = .string(contactID) }
        if personalEmails {
            object["personal_emails"] = .strings(["\(person.firstName.lowercased()).\(person.lastName.lowercased())@example-mail.test"])
        }
        return .object(object)
    }

    static func organization(_ organization: SimOrganization) -> JSONValue {
        var object = organizationLite(organization).objectMembers
        object["industry"] = .string(organization.industry)
        object["industries"] = .strings([organization.industry])
        object["keywords"] = .strings(organization.keywords)
        object["estimated_num_employees"] = .number(organization.employees)
        object["annual_revenue"] = .number(organization.annualRevenue)
        object["annual_revenue_printed"] = .string("\(organization.annualRevenue / 1_000_000)M")
        object["raw_address"] = .string("\(organization.city), \(organization.state), \(organization.country)")
        object["city"] = .string(organization.city)
        object["state"] = .string(organization.state)
        object["country"] = .string(organization.country)
        object["postal_code"] = nil
        object["short_description"] = .string("\(organization.name) builds \(organization.keywords.joined(separator: " and ")) products.")
        object["technology_names"] = ["Salesforce", "Google Analytics"]
        object["departmental_head_count"] = ["sales": .number(organization.employees / 5)]
        return .object(object)
    }

    static func organizationLite(_ organization: SimOrganization) -> JSONValue {
        [
            "id": .string(organization.id), "name": .string(organization.name),
            "website_url": .string("http://www.\(organization.domain)"), "blog_url": nil, "angellist_url": nil,
            "linkedin_url": .string(organization.linkedinURL), "twitter_url": nil, "facebook_url": nil,
            "primary_phone": ["number": .string(organization.phone), "source": "Account"],
            "languages": [], "alexa_ranking": nil, "phone": .string(organization.phone), "linkedin_uid": nil,
            "founded_year": .number(organization.foundedYear), "publicly_traded_symbol": nil, "publicly_traded_exchange": nil,
            "logo_url": nil, "crunchbase_url": nil, "primary_domain": .string(organization.domain),
            "sanitized_phone": .string(organization.phone.filter { $0.isNumber || $0 == "+" }), "owned_by_organization_id": nil,
            "show_intent": false, "has_intent_signal_account": false, "intent_signal_account": nil,
        ]
    }

    static func contact(_ contact: SimContact) -> JSONValue {
        let name = [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
        return [
            "id": .string(contact.id), "first_name": .text(contact.firstName), "last_name": .text(contact.lastName),
            "name": .string(name), "title": .text(contact.title), "email": .text(contact.email),
            "email_status": contact.email == nil ? nil : "verified", "linkedin_url": .text(contact.linkedinURL),
            "organization_id": .text(contact.organizationID), "organization_name": .text(contact.organizationName),
            "account_id": .text(contact.accountID), "contact_stage_id": .text(contact.stageID), "owner_id": .text(contact.ownerID),
            "person_id": .text(contact.personID), "label_ids": [],
            "phone_numbers": contact.phone.map { phone in
                [
                    [
                        "raw_number": .string(phone), "sanitized_number": .string(phone.filter { $0.isNumber || $0 == "+" }),
                        "type": "work_direct", "position": 0, "status": "no_status",
                    ]
                ]
            } ?? [],
            "contact_campaign_statuses": .array(
                contact.sequenceStatuses.sorted { $0.key < $1.key }.map { sequenceID, status in
                    ["emailer_campaign_id": .string(sequenceID), "status": .string(status)]
                }),
            "source": "api", "original_source": "api", "source_display_name": "Created from API", "existence_level": "full",
            "created_at": date(contact.createdAt), "updated_at": date(contact.updatedAt),
        ]
    }

    static func account(_ account: SimAccount) -> JSONValue {
        [
            "id": .string(account.id), "name": .text(account.name), "domain": .text(account.domain),
            "organization_id": .text(account.organizationID), "account_stage_id": .text(account.stageID),
            "owner_id": .text(account.ownerID), "phone": .text(account.phone), "source": "api", "modality": "account",
            "existence_level": "full", "label_ids": [], "created_at": date(account.createdAt), "updated_at": date(account.updatedAt),
        ]
    }

    static func opportunity(_ opportunity: SimOpportunity, stage: SimStage?) -> JSONValue {
        [
            "id": .string(opportunity.id), "name": .string(opportunity.name), "amount": .number(opportunity.amount),
            "amount_in_team_currency": .number(opportunity.amount), "owner_id": .text(opportunity.ownerID),
            "account_id": .text(opportunity.accountID), "opportunity_stage_id": .text(opportunity.stageID),
            "stage_name": .text(stage?.name), "is_closed": .bool(stage?.isClosed ?? false), "is_won": .bool(stage?.isWon ?? false),
            "probability": .number(stage?.probability), "closed_date": .text(opportunity.closedDate),
            "currency": ["name": "US Dollar", "iso_code": "USD", "symbol": "$"], "source": "api",
            "created_at": date(opportunity.createdAt), "updated_at": date(opportunity.updatedAt),
            "stage_updated_at": date(opportunity.stageUpdatedAt),
        ]
    }

    static func stage(_ stage: SimStage, teamID: String) -> JSONValue {
        [
            "id": .string(stage.id), "team_id": .string(teamID), "name": .string(stage.name), "display_name": .string(stage.name),
            "display_order": .number(stage.order), "category": .text(stage.category), "is_meeting_set": nil,
        ]
    }

    static func sequence(_ sequence: SimSequence) -> JSONValue {
        [
            "id": .string(sequence.id), "name": .string(sequence.name), "active": .bool(sequence.active), "archived": false,
            "num_steps": .number(sequence.numSteps), "user_id": .string(sequence.ownerID), "created_at": date(sequence.createdAt),
            "label_ids": [], "unique_scheduled": 0, "unique_delivered": 0,
        ]
    }

    static func task(_ task: SimTask) -> JSONValue {
        [
            "id": .string(task.id), "user_id": .string(task.userID), "creator_id": .string(task.userID),
            "contact_id": .string(task.contactID), "type": .string(task.type), "status": .string(task.status),
            "priority": .string(task.priority), "title": .string(task.title), "note": .text(task.note),
            "due_at": date(task.dueAt), "created_at": date(task.createdAt), "created_from": "api",
        ]
    }

    static func user(_ user: SimUser, teamID: String) -> JSONValue {
        [
            "id": .string(user.id), "team_id": .string(teamID), "first_name": .string(user.firstName),
            "last_name": .string(user.lastName), "name": .string("\(user.firstName) \(user.lastName)"),
            "email": .string(user.email), "title": "Account Executive", "deleted": false,
        ]
    }

    /// The envelope of search endpoints: pagination echoing `page`/`per_page` in the JSON type they were sent in.
    static func pagination(page: JSONValue, perPage: JSONValue, total: Int, perPageCount: Int) -> JSONValue {
        [
            "page": page, "per_page": perPage, "total_entries": .number(total),
            "total_pages": .number(perPageCount > 0 ? (total + perPageCount - 1) / perPageCount : 0),
        ]
    }
}

extension JSONValue {
    var objectMembers: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }
}
