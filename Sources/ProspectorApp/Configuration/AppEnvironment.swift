import Vapor

/// `PROSPECTOR_ENV`: which rules apply (sandbox mode exists only in development and testing).
public enum AppEnvironment: String, Sendable, CaseIterable {
    case development, testing, staging, production

    /// Whether a missing Apollo key may fall back to the built-in simulator.
    public var allowsSandbox: Bool { self == .development || self == .testing }

    /// The matching Vapor environment.
    public var vapor: Environment {
        switch self {
        case .development: .development
        case .testing: .testing
        case .staging: .custom(name: "staging")
        case .production: .production
        }
    }
}
