import Foundation

/// Apollo CRM objects the sync mirrors.
public enum SyncObject: String, CaseIterable, Sendable, Codable {
    case contacts, accounts, deals
}
