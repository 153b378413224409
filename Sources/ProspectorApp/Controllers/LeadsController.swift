import ApolloIOClient
import ProspectorServices
import Vapor

/// Lead search (free), single enrichment (`enrich` scope, stored as a contact) and bulk enrichment as a job.
struct LeadsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let leads = routes.grouped("leads")
        leads.post("search", use: search)
        leads.post("enrich", use: enrich)
        leads.on(.POST, "enrich", "bulk", body: .collect(maxSize: "4mb"), use: enrichBulk)
    }

    @Sendable func search(request: Request) async throws -> LeadsResponse {
        try request.require(scope: .read)
        let body = try JSONBody.decode(LeadSearchBody.self, from: request)
        let page = try await request.appServices.leads.search(body.search)
        return LeadsResponse(
            leads: page.people.map(LeadDTO.init),
            pagination: PaginationDTO(page: page.page, perPage: page.perPage, totalEntries: page.totalEntries, totalPages: page.totalPages))
    }

    @Sendable func enrich(request: Request) async throws -> ContactResponse {
        let keyID = try request.require(scope: .enrich)
        let body = try JSONBody.decode(EnrichBody.self, from: request)
        let raw = try request.includesRawApolloData()
        let options = body.revealPersonalEmails.map { EnrichmentOptions(revealPersonalEmails: $0) }
        if body.revealPhoneNumber == true {
            // One Apollo call matches the person and starts the reveal; the phones follow through the callback.
            let (contact, reveal) = try await request.appServices.reveals.enrichAndReveal(
                body.person.identity, options: options ?? .init(), kind: .phone, actor: request.auditActor(), apiKeyID: keyID)
            guard let contact else { throw APIError(.notFound, "Apollo found no one matching") }
            return ContactResponse(contact: try ContactDTO(contact, rawApolloData: raw), phoneReveal: RevealSummary(reveal))
        }
        guard let contact = try await request.appServices.leads.enrich(body.person.identity, options: options ?? .init(), actor: request.auditActor())
        else {
            throw APIError(.notFound, "Apollo found no one matching")
        }
        return ContactResponse(contact: try ContactDTO(contact, rawApolloData: raw))
    }

    @Sendable func enrichBulk(request: Request) async throws -> Response {
        let keyID = try request.require(scope: .enrich)
        let body = try JSONBody.decode(BulkEnrichBody.self, from: request)
        let options = body.revealPersonalEmails.map { EnrichmentOptions(revealPersonalEmails: $0) }
        let leads = try request.appServices.leads
        if body.dryRun == true {
            let response = Response(status: .ok)
            try response.content.encode(try await leads.estimateBulk(body.people.map(\.identity), options: options), as: .json)
            return response
        }
        let response = Response(status: .accepted)
        switch try await leads.enqueueBulk(body.people.map(\.identity), options: options, apiKeyID: keyID) {
        case .enqueued(let job):
            // Bulk enrichment names no `jobId`: its id is a number on either backend.
            try response.content.encode(
                AcceptedJobResponse(jobId: Int64(job.id), queue: job.queue, state: "available", people: body.people.count), as: .json)
            response.headers.replaceOrAdd(name: .location, value: JobsController.location(of: job))
        case .awaitingApproval(let approval, let estimate):
            let id = try approval.requireID()
            try response.content.encode(
                AcceptedJobResponse(
                    state: approval.status.rawValue, people: body.people.count, approvalId: id, worstCaseCredits: estimate.worstCaseCredits),
                as: .json)
            response.headers.replaceOrAdd(name: .location, value: "/api/approvals/\(id)")
        }
        return response
    }
}
