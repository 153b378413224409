import ApolloIOClient

/// The normalized identity of an enrichment request, the key of the enrichment memory.
public enum EnrichmentIdentity {
    /// Picks the strongest identifier: Apollo id, then email, then LinkedIn URL, then name at domain.
    public static func key(
        apolloID: String? = nil, email: String? = nil, linkedinURL: String? = nil,
        name: String? = nil, domain: String? = nil
    ) -> String? {
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

    /// The key of a person to enrich, with the option that changes what a synchronous match contains (personal
    /// emails); revealed phones and waterfalls arrive later, by callback, and do not change it.
    public static func key(_ person: PersonIdentity, options: EnrichmentOptions = EnrichmentOptions()) -> String? {
        let name = person.name ?? [person.firstName, person.lastName].compactMap { $0 }.joined(separator: " ")
        guard
            let base = key(
                apolloID: person.id, email: person.email, linkedinURL: person.linkedinUrl,
                name: name.isEmpty ? nil : name, domain: person.domain),
            !base.hasPrefix("domain:")
        else { return nil }
        return base + (options.revealPersonalEmails == true ? "+personal" : "")
    }
}

extension EnrichmentOptions {
    /// Whether the request asks for data Apollo delivers later to a webhook (revealed phones, a waterfall).
    public var startsAsynchronousEnrichment: Bool {
        revealPhoneNumber == true || runWaterfallPhone == true || runWaterfallEmail == true
    }
}
