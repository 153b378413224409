import Foundation

/// What a call may cost and what it did cost, per CONTRACT §6 (current model, one unified credit pool).
///
/// Read from the encoded request and the raw answer, so the typed operations need to know nothing about credits.
public enum CreditCost {
    /// Credits one matched person costs in the synchronous answer. A phone reveal adds ``perRevealedPhone`` when its
    /// phones are delivered to the webhook, minutes later (CONTRACT §12.3): that part is reserved by whoever receives
    /// the delivery, not by the call that started it.
    static let perMatchedPerson = 1.0
    /// Credits per person whose phones an asynchronous reveal delivers (a direct dial, CONTRACT §6).
    public static let perRevealedPhone = 8.0

    /// The most a call can charge; 0 for free endpoints.
    public static func worstCase(_ endpoint: ApolloEndpoint, url: String, body: [UInt8]) -> (credits: Double, records: Int) {
        let json = object(body)
        switch endpoint.route {
        case ApolloEndpoint.peopleMatch.route: return (perMatchedPerson, 1)
        case ApolloEndpoint.peopleBulkMatch.route:
            let count = (json?["details"] as? [Any])?.count ?? 10
            return (Double(count) * perMatchedPerson, count)
        case ApolloEndpoint.organizationEnrich.route, ApolloEndpoint.organizationSearch.route: return (1, 1)
        case ApolloEndpoint.organizationBulkEnrich.route:
            let count = (json?["domains"] as? [Any])?.count ?? (json?["details"] as? [Any])?.count ?? 10
            return (Double(count), count)
        default: return (0, 0)
        }
    }

    /// What a successful call charged: Apollo's `credits_consumed` where it says, else counted from the answer.
    public static func charged(_ endpoint: ApolloEndpoint, url: String, requestBody: [UInt8], response: [UInt8]) -> Double {
        guard let json = object(response) else { return 0 }
        let revealPhone = flag("reveal_phone_number", url: url, json: object(requestBody))
        func personCost(_ person: Any?) -> Double {
            guard let person = person as? [String: Any] else { return 0 }
            let phones = (person["phone_numbers"] as? [[String: Any]]) ?? []
            let mobile = revealPhone && phones.contains { ($0["type"] as? String)?.contains("mobile") == true }
            return mobile ? 9 : 1
        }
        switch endpoint.route {
        case ApolloEndpoint.peopleMatch.route: return personCost(json["person"])
        case ApolloEndpoint.peopleBulkMatch.route:
            if let consumed = json["credits_consumed"] as? NSNumber { return consumed.doubleValue }
            return ((json["matches"] as? [Any]) ?? []).reduce(0) { $0 + personCost($1) }
        case ApolloEndpoint.organizationEnrich.route: return json["organization"] is [String: Any] ? 1 : 0
        case ApolloEndpoint.organizationBulkEnrich.route:
            return Double(((json["organizations"] as? [Any]) ?? []).filter { $0 is [String: Any] }.count)
        case ApolloEndpoint.organizationSearch.route:
            let found = ((json["organizations"] as? [Any]) ?? []).count + ((json["accounts"] as? [Any]) ?? []).count
            return found > 0 ? 1 : 0
        default: return 0
        }
    }

    private static func object(_ bytes: [UInt8]) -> [String: Any]? {
        guard !bytes.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    private static func flag(_ name: String, url: String, json: [String: Any]?) -> Bool {
        if let value = json?[name] as? Bool { return value }
        guard let query = URLComponents(string: url)?.queryItems else { return false }
        return query.contains { $0.name == name && $0.value == "true" }
    }
}
