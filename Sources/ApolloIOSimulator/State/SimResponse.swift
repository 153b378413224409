import Foundation

/// An Apollo route as the simulator knows it: its scope label, limits group and plan gate.
public struct SimRoute: Sendable, Hashable {
    public var label: String
    public var group: RouteGroup
    /// Answers the paid-plans 403 on the free plan (CONTRACT §2.2).
    public var paidOnly: Bool
    /// `(controller, action)` as keyed in `api_usage_stats`.
    public var usageKey: (String, String) { Self.usageKey(for: label) }

    public init(_ label: String, group: RouteGroup = .standard, paidOnly: Bool = false) {
        self.label = label
        self.group = group
        self.paidOnly = paidOnly
    }

    /// `api/v1/contacts/search` → `("api/v1/contacts", "search")`.
    static func usageKey(for label: String) -> (String, String) {
        guard let slash = label.lastIndex(of: "/") else { return (label, "") }
        return (String(label[..<slash]), String(label[label.index(after: slash)...]))
    }
}

/// A response the engine built, before it becomes HTTP.
public struct SimResponse: Sendable {
    public enum Body: Sendable {
        case json(JSONValue)
        case text(String)
    }

    public var status: Int
    public var body: Body
    public var headers: [(String, String)] = []

    public static func json(_ value: JSONValue, status: Int = 200) -> SimResponse { SimResponse(status: status, body: .json(value)) }

    /// `{"error": message}` with a status (422 by default, Apollo's usual validation answer).
    public static func error(_ message: String, status: Int = 422) -> SimResponse { .json(["error": .string(message)], status: status) }

    /// The bulk-endpoint error envelope (CONTRACT §7.4).
    public static func bulkError(_ code: String, _ message: String, status: Int = 400) -> SimResponse {
        .json(["status": "failed", "error_code": .string(code), "error_message": .string(message)], status: status)
    }
}

/// The parameters a handler receives: merged query/body values and the path's id.
public struct SimRequest: Sendable {
    public var parameters: RequestParameters
    public var pathID: String?
    /// The key that was admitted.
    public var key: SimulatorKey
}
