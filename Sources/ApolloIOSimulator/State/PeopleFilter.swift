import Crypto
import Foundation

/// The people-search filters the simulator understands (CONTRACT §7.1), with their breadcrumbs.
struct PeopleFilter {
    var titles: [String]
    var strictTitles: Bool
    var keywords: String?
    var personLocations: [String]
    var seniorities: Set<String>
    var departments: Set<String>
    var organizationLocations: [String]
    var domains: Set<String>
    var organizationIDs: Set<String>
    var employeeRanges: [ClosedRange<Int>]
    var revenue: (min: Double?, max: Double?)?
    var breadcrumbs: JSONValue

    init(_ parameters: RequestParameters) {
        titles = parameters.strings("person_titles").map { $0.lowercased() }
        strictTitles = parameters["include_similar_titles"]?.boolValue == false
        keywords = parameters.string("q_keywords")?.lowercased()
        personLocations = parameters.strings("person_locations").map { $0.lowercased() }
        seniorities = Set(parameters.strings("person_seniorities").map { $0.lowercased() })
        departments = Set(parameters.strings("person_departments").map { $0.lowercased() })
        organizationLocations = parameters.strings("organization_locations").map { $0.lowercased() }
        domains = Set(parameters.strings("q_organization_domains_list").map(SimulatorEngine.bareDomain))
        organizationIDs = Set(parameters.strings("organization_ids"))
        employeeRanges = EmployeeRanges.parse(parameters.strings("organization_num_employees_ranges"))
        revenue = parameters.range("revenue_range")
        var crumbs: [JSONValue] = []
        for (field, label) in [
            ("person_titles", "Titles"), ("person_seniorities", "Seniority"), ("person_locations", "Location"),
            ("organization_num_employees_ranges", "# Employees"), ("q_organization_domains_list", "Domains"),
        ] {
            for value in parameters.strings(field) {
                crumbs.append(["label": .string(label), "signal_field_name": .string(field), "value": .string(value), "display_name": .string(value)])
            }
        }
        breadcrumbs = .array(crumbs)
    }

    func matches(_ person: SimPerson, organization: SimOrganization?) -> Bool {
        if !titles.isEmpty {
            let title = person.title.lowercased()
            guard titles.contains(where: { strictTitles ? title == $0 : title.contains($0) || $0.contains(title) }) else { return false }
        }
        if let keywords {
            let haystack = "\(person.name) \(person.title) \(organization?.name ?? "")".lowercased()
            guard haystack.contains(keywords) else { return false }
        }
        if !personLocations.isEmpty, !LocationMatch.any(personLocations, city: person.city, state: person.state, country: person.country) {
            return false
        }
        if !seniorities.isEmpty, !seniorities.contains(person.seniority) { return false }
        if !departments.isEmpty, departments.isDisjoint(with: person.departments) { return false }
        if !organizationIDs.isEmpty, !organizationIDs.contains(person.organizationID) { return false }
        guard organizationLocations.isEmpty && domains.isEmpty && employeeRanges.isEmpty && revenue == nil else {
            guard let organization else { return false }
            return OrganizationFilterCore(locations: organizationLocations, domains: domains, employeeRanges: employeeRanges, revenue: revenue)
                .matches(organization)
        }
        return true
    }
}

/// The organization-level filters shared by people search and organization search.
struct OrganizationFilterCore {
    var locations: [String]
    var domains: Set<String>
    var employeeRanges: [ClosedRange<Int>]
    var revenue: (min: Double?, max: Double?)?

    func matches(_ organization: SimOrganization) -> Bool {
        if !locations.isEmpty, !LocationMatch.any(locations, city: organization.city, state: organization.state, country: organization.country) {
            return false
        }
        if !domains.isEmpty, !domains.contains(organization.domain) { return false }
        if !employeeRanges.isEmpty, !employeeRanges.contains(where: { $0.contains(organization.employees) }) { return false }
        if let revenue {
            let amount = Double(organization.annualRevenue)
            if let min = revenue.min, amount < min { return false }
            if let max = revenue.max, amount > max { return false }
        }
        return true
    }
}

enum LocationMatch {
    static func any(_ wanted: [String], city: String, state: String, country: String) -> Bool {
        let place = [city, state, country].map { $0.lowercased() }
        return wanted.contains { location in place.contains { $0 == location || location.contains($0) } }
    }
}

enum EmployeeRanges {
    /// `"1,10"` → 1...10; an open upper bound (`"10001,"`) reaches any size.
    static func parse(_ values: [String]) -> [ClosedRange<Int>] {
        values.compactMap { value in
            let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let low = Int(parts.first ?? "") else { return nil }
            let high = parts.count > 1 ? Int(parts[1]) ?? Int.max : Int.max
            return low <= high ? low...high : nil
        }
    }
}

enum EmailHash {
    /// Whether `hash` is the MD5 or SHA-256 hex of the lower-cased email.
    static func matches(_ email: String, hash: String) -> Bool {
        let bytes = Data(email.lowercased().utf8)
        switch hash.count {
        case 32: return Insecure.MD5.hash(data: bytes).hexString == hash
        case 64: return SHA256.hash(data: bytes).hexString == hash
        default: return false
        }
    }
}

extension Digest {
    var hexString: String { map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
}
