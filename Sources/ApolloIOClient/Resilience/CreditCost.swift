import Foundation

/// Apollo's prices, per CONTRACT §6 (current model, one unified credit pool).
public enum CreditCost {
    /// Credits one matched person costs in the synchronous answer. A phone reveal adds ``perRevealedPhone`` when its
    /// phones are delivered to the webhook, minutes later (CONTRACT §12.3): that part is reserved by whoever receives
    /// the delivery, not by the call that started it.
    public static let perMatchedPerson = 1.0
    /// A matched person whose synchronous answer carries a mobile phone (1 + 8).
    public static let perMatchedPersonWithMobile = 9.0
    /// Credits per person whose phones an asynchronous reveal delivers (a direct dial, CONTRACT §6).
    public static let perRevealedPhone = 8.0
    /// One organization enriched, or one page of organization search with results.
    public static let perOrganization = 1.0
}

/// What a typed operation may charge and what its answer says it charged: each operation states its own price, so
/// nothing has to read the request or the response again to find it.
public struct CreditPrice<Value>: Sendable {
    /// The most the call can charge, reserved against the budgets before it is sent.
    public var worstCase: Double
    /// How many records the call asks for (the ledger's count).
    public var records: Int
    /// What the decoded answer says was charged.
    public let charged: @Sendable (Value) -> Double

    public init(worstCase: Double, records: Int, charged: @escaping @Sendable (Value) -> Double) {
        self.worstCase = worstCase
        self.records = records
        self.charged = charged
    }
}

extension CreditPrice {
    /// The price of one matched person in a synchronous answer: a mobile phone in it (asked for with
    /// `reveal_phone_number`) costs 8 more.
    static func person(_ person: Person?, revealPhone: Bool) -> Double {
        guard let person else { return 0 }
        let mobile = revealPhone && (person.phoneNumbers ?? []).contains { $0.type?.contains("mobile") == true }
        return mobile ? CreditCost.perMatchedPersonWithMobile : CreditCost.perMatchedPerson
    }
}
