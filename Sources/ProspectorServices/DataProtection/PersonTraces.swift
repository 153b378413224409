import ApolloIOClient
import Foundation
import ProspectorData

/// Everything that identifies one person in stored text: emails, names, phones, LinkedIn URLs and Apollo ids, read
/// from our contact and from Apollo's records of them.
public struct PersonTraces: Sendable, Equatable {
    public var emails: Set<String> = []
    public var fullNames: Set<String> = []
    /// First and last names: replaced only as whole values.
    public var nameParts: Set<String> = []
    public var phones: Set<String> = []
    public var linkedinURLs: Set<String> = []
    public var apolloIDs: Set<String> = []

    public init() {}

    /// The traces of a contact and of Apollo's records of it (`rawRecords`: JSON text).
    public init(contact: Contact?, email: String?, rawRecords: [String]) {
        if let email { emails.insert(EmailAddressNormalizer.normalize(email)) }
        if let contact {
            insert(contact.email, into: \.emails)
            insert(contact.name, into: \.fullNames)
            insert(contact.firstName, into: \.nameParts)
            insert(contact.lastName, into: \.nameParts)
            phones.formUnion(contact.phoneNumbers + (contact.revealedPhoneNumbers ?? []))
            insert(contact.linkedinURL, into: \.linkedinURLs)
            insert(contact.apolloID, into: \.apolloIDs)
        }
        for raw in rawRecords { collect(JSONNode(text: raw), topLevel: true) }
        if fullNames.isEmpty, nameParts.count == 2 { fullNames.insert(nameParts.sorted().joined(separator: " ")) }
    }

    /// What to look for in stored text.
    public var scrub: PersonalDataScrub {
        PersonalDataScrub(
            needles: Array(emails) + Array(fullNames) + Array(phones) + Array(linkedinURLs) + Array(apolloIDs),
            wholeValues: Array(nameParts), deletingRowsOf: ["enrichment_attempts", "apollo_cache_entries", "idempotency_records"])
    }

    /// The values suppressed so the person does not come back: emails and Apollo ids.
    public var suppressible: [(Suppression.Kind, String)] {
        emails.sorted().map { (.email, $0) } + apolloIDs.sorted().map { (.apolloID, $0) }
    }

    private mutating func insert(_ value: String?, into set: WritableKeyPath<PersonTraces, Set<String>>) {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return }
        self[keyPath: set].insert(value)
    }

    /// Keys compared without case or underscores: `first_name` and `firstName` alike.
    private mutating func collect(_ node: JSONNode, topLevel: Bool) {
        switch node {
        case .array(let items): for item in items { collect(item, topLevel: false) }
        case .object(let members):
            for (key, value) in members {
                let name = key.lowercased().replacingOccurrences(of: "_", with: "")
                if case .string(let text) = value {
                    switch name {
                    case "email": insert(text, into: \.emails)
                    case "rawnumber", "sanitizednumber", "phone", "sanitizedphone", "directphone", "mobilephone", "homephone", "otherphone":
                        insert(text, into: \.phones)
                    case "linkedinurl": insert(text, into: \.linkedinURLs)
                    case "firstname", "lastname": if topLevel { insert(text, into: \.nameParts) }
                    case "name": if topLevel { insert(text, into: \.fullNames) }
                    case "id", "personid": if topLevel { insert(text, into: \.apolloIDs) }
                    default: break
                    }
                } else if name == "personalemails" || name == "contactemails" || name == "phonenumbers" {
                    collectStrings(value, key: name)
                } else if name != "organization" && name != "account" {
                    collect(value, topLevel: false)
                }
            }
        default: break
        }
    }

    private mutating func collectStrings(_ node: JSONNode, key: String) {
        switch node {
        case .string(let text): insert(text, into: key == "phonenumbers" ? \.phones : \.emails)
        case .array(let items): for item in items { collectStrings(item, key: key) }
        case .object: collect(node, topLevel: false)
        default: break
        }
    }
}
