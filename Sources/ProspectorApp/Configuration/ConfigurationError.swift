/// A configuration that cannot boot, naming the key at fault.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A required key is unset.
    case missing(key: String, reason: String)
    /// A key holds a value of the wrong shape.
    case invalid(key: String, value: String, expected: String)
    /// The configuration file could not be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let key, let reason): "\(key) is required: \(reason)"
        case .invalid(let key, let value, let expected): "\(key) has an invalid value \"\(value)\": expected \(expected)"
        case .unreadableFile(let path, let reason): "the configuration file \(path) could not be read: \(reason)"
        }
    }
}
