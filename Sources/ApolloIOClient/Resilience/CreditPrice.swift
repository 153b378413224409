import Foundation

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
