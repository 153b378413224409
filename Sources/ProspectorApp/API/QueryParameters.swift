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
}
