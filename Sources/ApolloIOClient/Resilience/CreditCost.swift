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

extension CreditPrice {
    /// The price of one matched person in a synchronous answer: a mobile phone in it (asked for with
    /// `reveal_phone_number`) costs 8 more.
    static func person(_ person: Person?, revealPhone: Bool) -> Double {
        guard let person else { return 0 }
        let mobile = revealPhone && (person.phoneNumbers ?? []).contains { $0.type?.contains("mobile") == true }
        return mobile ? CreditCost.perMatchedPersonWithMobile : CreditCost.perMatchedPerson
    }
}
