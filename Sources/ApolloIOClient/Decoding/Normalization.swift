import Foundation

/// `https://www.Acme.com/about` → `acme.com`.
public enum DomainName {
    public static func normalize(_ text: String) -> String {
        var domain = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for prefix in ["https://", "http://"] where domain.hasPrefix(prefix) { domain.removeFirst(prefix.count) }
        if domain.hasPrefix("www.") { domain.removeFirst(4) }
        domain = String(domain.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if let at = domain.lastIndex(of: "@") { domain = String(domain[domain.index(after: at)...]) }
        while domain.hasSuffix(".") { domain.removeLast() }
        return domain
    }
}

/// Emails compared as Apollo does: trimmed and lower-cased.
public enum EmailAddressNormalizer {
    public static func normalize(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

extension EmailAddressNormalizer {
    /// ``isPlausible(_:)`` as a JSON Schema pattern (with a length of 3 to 320 characters).
    public static let plausiblePattern = "^[^@\\x00-\\x20]+@[^@\\x00-\\x20]*\\.[^@\\x00-\\x20]*$"

    /// One `@` after a non-empty local part, a dot after it, no space or control character, 3 to 320 characters:
    /// worth asking Apollo about.
    public static func isPlausible(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard (3...320).contains(scalars.count), !scalars.contains(where: { $0.value <= 0x20 }) else { return false }
        // By scalars, as the pattern reads it: a combining mark after `@` or `.` does not hide it.
        let parts = text.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
    }
}

extension DomainName {
    /// ``isPlain(_:)`` as a JSON Schema pattern (with a length of 3 to 253 characters).
    public static let plainPattern = "^[A-Za-z0-9-][A-Za-z0-9.-]*\\.[A-Za-z0-9.-]*$"

    /// A bare host name, as the organization routes and the jobs take it: letters, digits, hyphens and dots, a dot in it, not starting
    /// with one, 3 to 253 characters.
    public static func isPlain(_ text: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-".unicodeScalars)
        guard (3...253).contains(text.unicodeScalars.count), let first = text.unicodeScalars.first, first != ".",
            text.unicodeScalars.allSatisfy(allowed.contains)
        else { return false }
        return text.contains(".")
    }
}

/// Apollo's ids (CONTRACT §3.1): 24 lowercase hex characters, a MongoDB ObjectId.
public enum ApolloID {
    /// ``isWellFormed(_:)`` as a JSON Schema pattern.
    public static let pattern = "^[0-9a-f]{24}$"

    /// Whether `value` has the shape of an Apollo id (whether Apollo knows it is another question).
    public static func isWellFormed(_ value: some StringProtocol) -> Bool {
        value.utf8.count == 24 && value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
