import ApolloIOClient
import Vapor

/// Organization enrichment by domain (`enrich`: it spends a credit unless cached) and search (`enrich`: a credit a page).
struct OrganizationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organizations = routes.grouped("organizations")
        organizations.get(":domain", use: show)
        organizations.post("search", use: search)
        // The reference architecture's diagram names the short route too.
        routes.get("org", ":domain", use: show)
    }

    @Sendable func show(request: Request) async throws -> OrganizationResponse {
        try request.require(scope: .enrich)
        guard let domain = request.parameters.get("domain"), DomainName.isPlain(domain) else {
            throw APIError.invalid("domain", "must be a domain name such as acme.com")
        }
        guard let organization = try await request.appServices.organizations.enrich(domain: domain, actor: request.auditActor()) else {
            throw APIError(.notFound, "Apollo knows no organization at \(domain)")
        }
        return OrganizationResponse(organization: OrganizationDTO(organization, rawApolloData: try request.includesRawApolloData()))
    }

    @Sendable func search(request: Request) async throws -> OrganizationsResponse {
        try request.require(scope: .enrich)
        let body = try JSONBody.decode(OrganizationSearchBody.self, from: request)
        let page = body.page ?? 1
        let perPage = body.perPage ?? 25
        let result = try await request.appServices.organizations.search(
            name: body.name, domains: body.domains, locations: body.locations, employeeRanges: body.employeeRanges, page: page, perPage: perPage)
        return OrganizationsResponse(
            organizations: result.organizations.map(OrganizationDTO.init),
            pagination: PaginationDTO(
                page: page, perPage: perPage, totalEntries: result.pagination?.totalEntries, totalPages: result.pagination?.totalPages))
    }
}
