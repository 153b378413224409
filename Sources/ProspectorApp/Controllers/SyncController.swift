import ProspectorServices
import Vapor

/// `GET /api/sync`: each object's last run, watermark, counts and error; `POST /api/sync/:object` runs one now
/// (a job; 202 with its id; the running or pending one when there is one already).
struct SyncController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sync = routes.grouped("sync")
        sync.get(use: status)
        sync.post(":object", use: runNow)
    }

    @Sendable func status(request: Request) async throws -> SyncStatusResponse {
        try request.require(scope: .read)
        return SyncStatusResponse(objects: try await request.appServices.syncStatus.statuses().map(SyncStatusDTO.init))
    }

    @Sendable func runNow(request: Request) async throws -> Response {
        try request.require(scope: .write)
        guard let object = request.parameters.get("object").flatMap(SyncObject.init(rawValue:)) else {
            throw APIError.invalid("object", "must be contacts, accounts or deals")
        }
        let full =
            try request.query[String.self, at: "full"].map { text in
                guard let value = Bool(text) else { throw APIError.invalid("full", "must be true or false") }
                return value
            } ?? false
        let enqueued = try await request.appServices.syncStatus.requestRun(object, full: full)
        let response = Response(status: .accepted)
        try response.content.encode(SyncAccepted(jobId: enqueued.jobID, object: object.rawValue, alreadyQueued: enqueued.existing), as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/jobs/\(enqueued.jobID)")
        return response
    }
}
