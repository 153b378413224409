import ApolloIOClient
import OpenAPIKit

/// The OpenAPI 3.1 document served at `GET /openapi.json`, built as OpenAPIKit's typed document (and validated by
/// it in a test); a test checks it lists exactly the routes the app registers.
enum OpenAPIDocument {
    /// The document of a process whose jobs are all in SQL (job ids are numbers).
    static let document = build(jobsOnRedis: false)
    /// The document of a process with `JOBS_BACKEND=redis`: a BullMQ job on Redis is named by its queue's id for it.
    static let redisDocument = build(jobsOnRedis: true)

    private static func build(jobsOnRedis: Bool) -> OpenAPI.Document {
        var paths = OpenAPI.PathItem.Map()
        for operation in APIOperations.all {
            let path = OpenAPI.Path(rawValue: operation.path)
            var item = paths[path].flatMap { $0.pathItemValue } ?? OpenAPI.PathItem()
            item.set(
                operation: describe(operation, jobsOnRedis: jobsOnRedis), for: OpenAPI.HttpMethod(rawValue: operation.method.uppercased())!)
            paths[path] = .pathItem(item)
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: OpenAPI.Document.Info(
                title: "Prospector",
                description: "Self-hosted Apollo.io integration service. Errors: {\"error\": {code, message, requestId, details}}.",
                version: ProspectorVersion.current),
            servers: [], paths: paths,
            components: .direct(schemas: schemas, securitySchemes: [apiKey: .http(scheme: "bearer")]))
    }

    private static var schemas: OpenAPI.ComponentDictionary<JSONSchema> {
        var schemas = OpenAPI.ComponentDictionary<JSONSchema>()
        let requests = Set(APIOperations.all.compactMap(\.requestBody) + ["PersonInput"])
        for (name, schema) in OpenAPIComponents.schemas {
            schemas[OpenAPI.ComponentKey(rawValue: name)!] = requests.contains(name) ? Schema.nullingOptionals(schema) : schema
        }
        return schemas
    }

    private static let apiKey: OpenAPI.ComponentKey = "apiKey"
    private static let idParameter = Schema.string(min: 1, max: 64)

    private static func describe(_ operation: APIOperation, jobsOnRedis: Bool) -> OpenAPI.Operation {
        var parameters: OpenAPI.Parameter.Array = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part in
            let name = String(part.dropFirst().dropLast())
            return .parameter(.path(name: name, schema: pathSchema(operation.path, name, jobsOnRedis: jobsOnRedis)))
        }
        parameters += operation.query.map { query in
            operation.requiredQuery.contains(query.name)
                ? .parameter(.query(name: query.name, required: true, schema: query.schema))
                : .parameter(.query(name: query.name, schema: query.schema.optionalSchemaObject()))
        }
        if operation.method == "post", operation.path.hasPrefix("/api"), !IdempotencyMiddleware.secretBearingPaths.contains(operation.path) {
            parameters.append(
                .parameter(.header(name: "Idempotency-Key", schema: Schema.string(min: 1, max: 255, pattern: "^[!-~]+$").optionalSchemaObject())))
        }
        var success = response(operation.success.description, schema: operation.success.schema)
        for link in APILinks.byOperation[operationID(operation)] ?? [] {
            let id = OpenAPI.RuntimeExpression(rawValue: "$response.body#\(link.id)")!
            success.links[link.name] = .b(OpenAPI.Link(operationId: link.operation, parameters: ["id": .a(id)]))
        }
        var responses: OpenAPI.Response.Map = [OpenAPI.Response.StatusCode(integerLiteral: operation.success.status): .response(success)]
        for alternative in operation.alternatives {
            responses[OpenAPI.Response.StatusCode(integerLiteral: alternative.status)] = .response(
                response(alternative.description, schema: alternative.schema))
        }
        var security: [OpenAPI.SecurityRequirement]?
        for (status, description) in errorResponses(of: operation.path) {
            responses[OpenAPI.Response.StatusCode(integerLiteral: status)] = .response(
                response(description, schema: status == 503 && operation.path == "/health" ? "Health" : "Error"))
        }
        if operation.path.hasPrefix("/api") { security = [[.component(named: apiKey.rawValue): []]] }
        return OpenAPI.Operation(
            summary: operation.summary, operationId: operationID(operation), parameters: parameters,
            requestBody: operation.requestBody.map { name in
                OpenAPI.Request(content: [.json: .b(OpenAPI.Content(schema: Schema.ref(name)))], required: true)
            },
            responses: responses, security: security,
            vendorExtensions: operation.scope.map { ["x-required-scope": AnyCodable($0)] } ?? [:])
    }

    /// The failures an operation documents beside its success, each with the error envelope.
    private static func errorResponses(of path: String) -> [(Int, String)] {
        if path.hasPrefix("/api") { return APIOperations.errorStatuses }
        if path.hasPrefix("/webhooks/") {
            return [
                (400, "not Apollo's result, or another request's"), (404, "no reveal waits at this URL"),
                (409, "the reveal is still being requested: deliver again"), (413, "body too large"), (503, "our database unavailable"),
            ]
        }
        if path == "/metrics" { return [(401, "METRICS_TOKEN required")] }
        if path == "/health" { return [(503, "database unreachable")] }
        return []
    }

    /// What a path parameter must look like: job ids are integers (on Redis, with `queue`, BullMQ's ids), local ids
    /// UUIDs, Apollo ids 24 lowercase hex.
    private static func pathSchema(_ path: String, _ name: String, jobsOnRedis: Bool) -> JSONSchema {
        if name == "object" { return Schema.string(enumeration: ["contacts", "accounts", "deals"]) }
        if name == "token" { return Schema.string(min: 20, max: 100, pattern: "^[A-Za-z0-9_-]+$") }
        if name == "domain" { return Schema.string(min: 3, max: 253, pattern: DomainName.plainPattern) }
        if path.hasPrefix("/api/jobs/") { return jobsOnRedis ? Schema.string(min: 1, max: 255) : Schema.integer(min: 1, max: Int(Int64.max)) }
        if ["/api/contacts/", "/api/keys/", "/api/webhooks/", "/api/reveals/", "/api/suppressions/", "/api/approvals/"].contains(
            where: path.hasPrefix)
        {
            return Schema.string(format: .uuid)
        }
        if path.hasPrefix("/api/deals/") || path.hasPrefix("/api/sequences/") { return Schema.apolloID }
        return idParameter
    }

    private static func response(_ description: String, schema: String?) -> OpenAPI.Response {
        if description == "deleted" { return OpenAPI.Response(description: description) }
        guard let schema else {
            return OpenAPI.Response(
                description: description,
                content: [.txt: .b(OpenAPI.Content(schema: Schema.string())), .json: .b(OpenAPI.Content(schema: Schema.any))])
        }
        return OpenAPI.Response(description: description, content: [.json: .b(OpenAPI.Content(schema: Schema.ref(schema)))])
    }

    private static func operationID(_ operation: APIOperation) -> String {
        operation.method
            + operation.path.split(separator: "/").map { part in
                part.filter { $0.isLetter || $0.isNumber }.prefix(1).uppercased() + part.filter { $0.isLetter || $0.isNumber }.dropFirst()
            }.joined()
    }
}
