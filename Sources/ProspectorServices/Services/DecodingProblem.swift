/// A JSON decoding failure as the field it concerns and what is wrong with it: what a 400 names, for a request body
/// and for a job's data alike.
public struct DecodingProblem: Sendable, Equatable {
    public var field: String
    public var problem: String

    /// - Parameters:
    ///   - root: the member the decoded JSON sits in (`data` for a job's data), prefixed to every field; nil for a
    ///     whole body, which is named `body` where the failure has no path.
    public init(_ error: DecodingError, root: String? = nil) {
        func field(_ keys: [any CodingKey]) -> String {
            let path = keys.reduce(root ?? "") { text, key in
                key.intValue.map { "\(text)[\($0)]" } ?? (text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)")
            }
            return path.isEmpty ? "body" : path
        }
        switch error {
        case .keyNotFound(let key, let context): (self.field, problem) = (field(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context): (self.field, problem) = (field(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context): (self.field, problem) = (field(context.codingPath), "must be \(Self.describe(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty: (self.field, problem) = (field([]), "is not valid JSON")
        case .dataCorrupted(let context): (self.field, problem) = (field(context.codingPath), context.debugDescription)
        @unknown default: (self.field, problem) = (field([]), "could not be read")
        }
    }

    /// A JSON kind for a Swift type, as a caller writing JSON knows it.
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "of type \(type)"
        }
    }
}
