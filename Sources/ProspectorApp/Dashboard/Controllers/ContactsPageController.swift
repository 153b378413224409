import ProspectorServices
import Vapor

/// `GET /contacts?q=` (search by email, name or organization) and `GET /contacts/:id` (fields, enrichments, audit).
struct ContactsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contacts", use: search)
        routes.get("contacts", ":id", use: show)
    }

    @Sendable func search(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let text = String((request.query[String.self, at: "q"] ?? "").prefix(200))
        let contacts = try await request.appServices.contacts.search(text, limit: 100)
        return try await request.page(
            "contacts", ContactsPage(chrome: try request.chrome("Contacts", section: "contacts"), q: text, contacts: contacts.map(ContactRow.init)))
    }

    @Sendable func show(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let history = try await request.appServices.contacts.history(of: try request.uuidParameter("a contact id"))
        let page = ContactPage(chrome: try request.chrome("Contact", section: "contacts"), history: history)
        return try await request.page("contact", page)
    }
}
