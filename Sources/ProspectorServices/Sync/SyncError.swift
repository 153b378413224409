import Foundation

/// Why a sync did not run or stopped.
public enum SyncError: Error, Equatable, CustomStringConvertible {
    /// Another run holds this object.
    case alreadyRunning(SyncObject)

    public var description: String {
        switch self {
        case .alreadyRunning(let object): "a sync of \(object.rawValue) is already running"
        }
    }
}
