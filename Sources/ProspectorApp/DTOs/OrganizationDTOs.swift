import ApolloIOClient
import Foundation
import ProspectorData
import Vapor

struct OrganizationDTO: Content {
    var id: UUID?
    var apolloId: String?
    var name: String?
    var domain: String?
    var industry: String?
    var employeeCount: Int?
    var annualRevenue: Double?
    var city: String?
    var state: String?
    var country: String?
    var enrichedAt: Date?
    /// Apollo's record as Prospector decoded it, only when asked for (`?include=rawApolloData`).
    var rawApolloData: JSONNode?

    init(_ organization: Organization, rawApolloData: Bool = false) {
        id = organization.id
        apolloId = organization.apolloID
        name = organization.name
        domain = organization.primaryDomain
        industry = organization.industry
        employeeCount = organization.employeeCount
        annualRevenue = organization.annualRevenue
        city = organization.city
        state = organization.state
        country = organization.country
        enrichedAt = organization.enrichedAt
        self.rawApolloData = rawApolloData ? JSONNode(text: organization.rawJSON) : nil
    }

    init(_ organization: ApolloOrganization) {
        apolloId = organization.id
        name = organization.name
        domain = organization.primaryDomain
        industry = organization.industry
        employeeCount = organization.estimatedNumEmployees
        annualRevenue = organization.annualRevenue
        city = organization.city
        state = organization.state
        country = organization.country
    }
}

struct OrganizationResponse: Content {
    var organization: OrganizationDTO
}

/// `POST /api/organizations/search`.
struct OrganizationSearchBody: RequestBody {
    var name: String?
    var domains: [String]?
    var locations: [String]?
    var employeeRanges: [String]?
    var page: Int?
    var perPage: Int?

    func validate() throws(APIError) {
        try Check.text(name, "name")
        try Check.list(domains, "domains")
        try Check.list(locations, "locations")
        try Check.list(employeeRanges, "employeeRanges")
        try Check.range(page, "page", 1...500)
        try Check.range(perPage, "perPage", 1...100)
    }
}

struct OrganizationsResponse: Content {
    var organizations: [OrganizationDTO]
    var pagination: PaginationDTO
}
