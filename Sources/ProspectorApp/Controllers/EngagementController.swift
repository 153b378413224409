import ApolloIOClient
import ProspectorServices
import Vapor

/// Sequences (search, add contacts, remove or stop) and tasks (create, list).
struct EngagementController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sequences = routes.grouped("sequences")
        sequences.post("search", use: searchSequences)
        sequences.post(":id", "contacts", use: addToSequence)
        sequences.post("remove", use: removeFromSequences)
        let tasks = routes.grouped("tasks")
        tasks.post(use: createTasks)
        tasks.get(use: listTasks)
    }

    @Sendable func searchSequences(request: Request) async throws -> SequencesResponse {
        try request.require(scope: .read)
        let body = try JSONBody.decode(SequenceSearchBody.self, from: request)
        let page = body.page ?? 1
        let perPage = body.perPage ?? 25
        let result = try await request.appServices.sequences.search(name: body.name, page: page, perPage: perPage)
        return SequencesResponse(
            sequences: result.sequences.map(SequenceDTO.init),
            pagination: PaginationDTO(
                page: page, perPage: perPage, totalEntries: result.pagination?.totalEntries, totalPages: result.pagination?.totalPages))
    }

    @Sendable func addToSequence(request: Request) async throws -> AddedToSequenceResponse {
        try request.require(scope: .write)
        guard let id = request.parameters.get("id"), ApolloID.isWellFormed(id) else {
            throw APIError.invalid("id", "must be a sequence id: 24 lowercase hex characters")
        }
        let body = try JSONBody.decode(AddToSequenceBody.self, from: request)
        let active = body.active ?? false
        let result = try await request.appServices.sequences.add(
            contactIDs: body.contactIds, to: id, emailAccountID: body.emailAccountId, active: active,
            actor: request.auditActor())
        return AddedToSequenceResponse(added: result.added, skipped: result.skipped, status: active ? "active" : "paused")
    }

    @Sendable func removeFromSequences(request: Request) async throws -> RemovedFromSequencesResponse {
        try request.require(scope: .write)
        let body = try JSONBody.decode(RemoveFromSequencesBody.self, from: request)
        let contacts = try await request.appServices.sequences.remove(
            contactIDs: body.contactIds, from: body.sequenceIds, mode: body.apolloMode!,
            actor: request.auditActor())
        return RemovedFromSequencesResponse(contacts: contacts, mode: body.mode)
    }

    @Sendable func createTasks(request: Request) async throws -> Response {
        try request.require(scope: .write)
        let body = try JSONBody.decode(CreateTasksBody.self, from: request)
        let created = try await request.appServices.tasks.create(
            userID: body.userId, contactIDs: body.contactIds, type: body.type, dueAt: body.dueDate!,
            priority: body.priority, title: body.title, note: body.note, actor: request.auditActor())
        let response = Response(status: .created)
        try response.content.encode(TasksResponse(tasks: created.map(TaskDTO.init), pagination: nil), as: .json)
        return response
    }

    @Sendable func listTasks(request: Request) async throws -> TasksResponse {
        try request.require(scope: .read)
        let page = try request.queryInteger("page", default: 1, 1...500)
        let perPage = try request.queryInteger("perPage", default: 25, 1...100)
        let result = try await request.appServices.tasks.list(page: page, perPage: perPage)
        return TasksResponse(
            tasks: result.tasks.map(TaskDTO.init),
            pagination: PaginationDTO(
                page: page, perPage: perPage, totalEntries: result.pagination?.totalEntries, totalPages: result.pagination?.totalPages))
    }
}
