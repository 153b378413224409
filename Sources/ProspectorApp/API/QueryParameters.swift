import Vapor

extension Request {
    /// A query integer within `range` (`value` when absent); anything else is `invalid_request` naming the parameter.
    func queryInteger(_ name: String, default value: Int, _ range: ClosedRange<Int>) throws -> Int {
        guard let text = query[String.self, at: name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.invalid(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Whether the caller asked for Apollo's own record beside ours (`?include=rawApolloData`); any other `include`
    /// value is `invalid_request` naming the parameter.
    func includesRawApolloData() throws -> Bool {
        guard let include = query[String.self, at: "include"] else { return false }
        guard include == "rawApolloData" else { throw APIError.invalid("include", "can only be rawApolloData") }
        return true
    }

    /// The `id` path parameter as one of our UUIDs; anything else is `invalid_request` saying what `what` is.
    func uuidParameter(_ what: String) throws -> UUID {
        guard let id = parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError.invalid("id", "must be \(what) (UUID)") }
        return id
    }

    /// `?cursor=` of a cursor-paginated list: the last id of the previous page.
    func queryCursor() throws -> UUID? {
        try query[String.self, at: "cursor"].map { text in
            guard let after = UUID(uuidString: text) else { throw APIError.invalid("cursor", "must be a cursor from a previous page") }
            return after
        }
    }

    /// A `true`/`false` query flag (absent: false); anything else is `invalid_request` naming it.
    func queryFlag(_ name: String) throws -> Bool {
        switch query[String.self, at: name] {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.invalid(name, "must be true or false")
        }
    }
}
