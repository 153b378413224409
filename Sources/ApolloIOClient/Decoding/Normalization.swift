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
