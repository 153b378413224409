import ProspectorServices
import Vapor

/// The version `/health` reports.
public enum ProspectorVersion {
    public static let current = "0.1.0"
}
