/// Apollo's pagination envelope (CONTRACT §3.4); `page`/`per_page` arrive as numbers or strings.
public struct Pagination: Sendable, Hashable, Codable {
    public var page: FlexibleInt?
    public var perPage: FlexibleInt?
    public var totalEntries: Int?
    public var totalPages: Int?

    public init(page: Int? = nil, perPage: Int? = nil, totalEntries: Int? = nil, totalPages: Int? = nil) {
        self.page = page.map { FlexibleInt($0) }
        self.perPage = perPage.map { FlexibleInt($0) }
        self.totalEntries = totalEntries
        self.totalPages = totalPages
    }
}

/// A page number and size; Apollo caps `perPage` at 100 and pages at 500 on its searches.
public struct PageRequest: Sendable, Hashable, Codable {
    /// The largest page size Apollo accepts on its searches.
    public static let maxPerPage = 100
    /// The last page Apollo serves on its searches (display limit 50,000 records).
    public static let maxPage = 500

    public var page: Int?
    public var perPage: Int?

    public init(page: Int? = nil, perPage: Int? = nil) {
        self.page = page
        self.perPage = perPage
    }
}

/// A `{min, max}` range filter, sent as `name[min]`/`name[max]`.
public struct NumericRange: Sendable, Hashable, Codable {
    public var min: Int?
    public var max: Int?

    public init(min: Int? = nil, max: Int? = nil) {
        self.min = min
        self.max = max
    }
}
