import OpenAPIKit

/// One operation of the API as the document describes it.
struct APIOperation: Sendable {
    var method: String
    /// OpenAPI path, parameters in braces: `/api/deals/{id}`.
    var path: String
    var summary: String
    /// The scope it needs; nil for the public routes.
    var scope: String?
    var requestBody: String?
    var success: (status: Int, schema: String?, description: String)
    var query: [(name: String, schema: JSONSchema)] = []
}
