import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// Organizations: enrichment by domain (1 credit, cached 24 h by the client and stored here) and search.
public struct OrganizationService: Sendable {
    let client: ApolloClient
    let database: any Database
    let mirroring: ApolloMirroring

    public init(client: ApolloClient, database: any Database, mirroring: ApolloMirroring = ApolloMirroring()) {
        self.client = client
        self.database = database
        self.mirroring = mirroring
    }

    /// The organization at `domain`, enriched and stored; nil when Apollo knows none.
    public func enrich(domain: String, actor: AuditActor) async throws -> Organization? {
        guard let organization = try await client.enrichOrganization(OrganizationIdentity(domain: domain)).value.organization else { return nil }
        return try await database.safeTransaction { [mirroring] transaction in
            try await mirroring.store(organization, enriched: true, actor: actor, on: transaction)
        }
    }

    /// Apollo's organization search (1 credit per page with results).
    public func search(name: String?, domains: [String]?, locations: [String]?, employeeRanges: [String]?, page: Int, perPage: Int)
        async throws -> (organizations: [ApolloOrganization], pagination: Pagination?)
    {
        let result = try await client.searchOrganizations(
            OrganizationSearchRequest(
                qOrganizationDomainsList: domains?.map(DomainName.normalize), qOrganizationName: name, organizationNumEmployeesRanges: employeeRanges,
                organizationLocations: locations, page: page, perPage: perPage)
        ).value
        return (result.allOrganizations, result.pagination)
    }
}
