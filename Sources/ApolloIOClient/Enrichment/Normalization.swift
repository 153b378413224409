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

/// The normalized identity of an enrichment request, the key of the enrichment memory.
public enum EnrichmentIdentity {
    /// Picks the strongest identifier: Apollo id, then email, then LinkedIn URL, then name at domain.
    public static func key(apolloID: String? = nil, email: String? = nil, linkedinURL: String? = nil,
                           name: String? = nil, domain: String? = nil) -> String? {
        if let apolloID, !apolloID.isEmpty { return "id:\(apolloID)" }
        if let email, !email.isEmpty { return "email:\(EmailAddressNormalizer.normalize(email))" }
        if let linkedinURL, !linkedinURL.isEmpty { return "linkedin:\(normalizeLinkedIn(linkedinURL))" }
        if let name, !name.isEmpty, let domain, !domain.isEmpty {
            return "name:\(name.lowercased().split(separator: " ").joined(separator: " "))@\(DomainName.normalize(domain))"
        }
        if let domain, !domain.isEmpty { return "domain:\(DomainName.normalize(domain))" }
        return nil
    }

    /// `https://www.LinkedIn.com/in/Ada/` → `linkedin.com/in/ada`.
    public static func normalizeLinkedIn(_ url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        text = String(text.prefix { $0 != "?" && $0 != "#" })
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The key of a person to enrich, with the reveal options that change what a match contains.
    public static func key(_ person: PersonIdentity, options: EnrichmentOptions = EnrichmentOptions()) -> String? {
        let name = person.name ?? [person.firstName, person.lastName].compactMap { $0 }.joined(separator: " ")
        guard let base = key(apolloID: person.id, email: person.email, linkedinURL: person.linkedinUrl,
                             name: name.isEmpty ? nil : name, domain: person.domain),
              !base.hasPrefix("domain:") else { return nil }
        return base + (options.revealPhoneNumber == true ? "+phone" : "") + (options.revealPersonalEmails == true ? "+personal" : "")
    }
}
