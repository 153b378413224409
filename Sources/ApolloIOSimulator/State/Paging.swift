/// Page and page size of a search request, validated the way Apollo does (CONTRACT §3.4).
struct Paging: Sendable {
    /// Apollo's display limit: 100 per page × 500 pages.
    static let maxPerPage = 100
    static let maxPage = 500
    static let displayLimit = 50_000
    /// Apollo documents no default; the simulator uses 10 (what Apollo's own CLI sends).
    static let defaultPerPage = 10

    var page: Int
    var perPage: Int
    private var sentPage: JSONValue?
    private var sentPerPage: JSONValue?

    /// Reads `page`/`per_page`; a zero page size or a window past the display limit (`maxPage` pages of 100) is a 422.
    static func read(_ parameters: RequestParameters, maxPage: Int = maxPage) throws(SimResponseBox) -> Paging {
        let page = max(1, parameters.int("page") ?? 1)
        let requested = parameters.int("per_page") ?? defaultPerPage
        if requested < 1 { throw SimResponseBox(.error("An error occurred. Per page cannot be 0.")) }
        let perPage = min(requested, maxPerPage)
        if page > maxPage || page * perPage > maxPage * maxPerPage {
            throw SimResponseBox(.error("Invalid parameter passed in. Page * per page number is over threshold."))
        }
        return Paging(page: page, perPage: perPage, sentPage: parameters["page"], sentPerPage: parameters["per_page"])
    }

    var offset: Int { (page - 1) * perPage }

    func slice<T>(_ items: [T]) -> ArraySlice<T> {
        guard offset < items.count else { return [] }
        return items[offset..<min(items.count, offset + perPage)]
    }

    /// The pagination object, echoing page and size in the JSON type they were sent in.
    func envelope(total: Int) -> JSONValue {
        Serialize.pagination(page: echo(page, sent: sentPage), perPage: echo(perPage, sent: sentPerPage), total: total, perPageCount: perPage)
    }

    private func echo(_ value: Int, sent: JSONValue?) -> JSONValue {
        if case .string? = sent { return .string(String(value)) }
        return .int(Int64(value))
    }
}
