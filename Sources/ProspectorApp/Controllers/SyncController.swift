import Fluent
import JobQueue
import ProspectorData
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
        try request.require(scope: "read")
        let cursors = try await SyncCursor.query(on: request.db).all()
        return SyncStatusResponse(objects: SyncObject.allCases.map { object in
            let cursor = cursors.first { $0.object == object.rawValue }
            return SyncStatusDTO(object: object.rawValue, lastRunAt: cursor?.lastRunAt, lastStatus: cursor?.lastStatus, watermark: cursor?.watermark,
                                 counts: AnyJSON(text: cursor?.lastCounts), lastError: cursor?.lastError, running: cursor?.runningSince != nil,
                                 resumable: cursor?.checkpoint != nil)
        })
    }

    @Sendable func runNow(request: Request) async throws -> Response {
        try request.require(scope: "write")
        guard let object = request.parameters.get("object").flatMap(SyncObject.init(rawValue:)) else {
            throw APIError.invalid("object", "must be contacts, accounts or deals")
        }
        let full = try request.query[String.self, at: "full"].map { text in
            guard let value = Bool(text) else { throw APIError.invalid("full", "must be true or false") }
            return value
        } ?? false
        let enqueued = try await JobStore.enqueue(try SyncJob.job(object, full: full), on: request.db)
        let response = Response(status: .accepted)
        try response.content.encode(SyncAccepted(jobId: enqueued.id, object: object.rawValue, alreadyQueued: enqueued.existing), as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/jobs/\(enqueued.id)")
        return response
    }
}

struct SyncStatusDTO: Content {
    var object: String
    var lastRunAt: Date?
    var lastStatus: String?
    var watermark: Date?
    var counts: AnyJSON
    var lastError: String?
    var running: Bool
    var resumable: Bool
}

struct SyncStatusResponse: Content {
    var objects: [SyncStatusDTO]
}

struct SyncAccepted: Content {
    var jobId: Int64
    var object: String
    var alreadyQueued: Bool
}
