import ApolloIOClient
import Fluent
import Foundation

/// One person is one contact, whichever way Apollo named them: a CRM contact (keyed by Apollo's contact id) and an
/// enriched person (keyed by Apollo's person id) share the `email` unique key, so whichever arrives second must find
/// the first instead of inserting beside it.
extension Contact {
    /// The Apollo id to upsert an enriched person under: the person's own, or that of the contact (from CRM sync)
    /// already holding the person's email.
    public static func upsertKey(forPerson personID: String, email: String?, on database: any Database) async throws -> String {
        if try await query(on: database).withDeleted().filter(\.$apolloID == personID).first() != nil { return personID }
        guard let email = email.map(EmailAddressNormalizer.normalize),
            let holder = try await query(on: database).withDeleted().filter(\.$email == email).first(), let key = holder.apolloID
        else {
            return personID
        }
        return key
    }

    /// Before a CRM contact is stored: returns the email it may keep. An enriched person holding that email (or,
    /// without an email, that person id) becomes this contact — re-keyed to the contact id — so sync adopts the row
    /// instead of colliding with it. An email another CRM contact already holds (Apollo keeps duplicates unless asked
    /// to dedupe, CONTRACT §8.1) is not stored a second time: nil, so the sync goes on.
    public static func prepareCRMContact(_ contactID: String, personID: String?, email: String?, on database: any Database) async throws -> String? {
        guard let email = email.map(EmailAddressNormalizer.normalize) else {
            if let personID, let person = try await query(on: database).withDeleted().filter(\.$apolloID == personID).first(),
                person.source != "crm", try await !exists(contactID, on: database)
            {
                person.apolloID = contactID
                try await person.save(on: database)
            }
            return nil
        }
        guard let holder = try await query(on: database).withDeleted().filter(\.$email == email).first(), holder.apolloID != contactID else {
            return email
        }
        guard holder.source != "crm", try await !exists(contactID, on: database) else { return nil }
        holder.apolloID = contactID
        try await holder.save(on: database)
        return email
    }

    private static func exists(_ apolloID: String, on database: any Database) async throws -> Bool {
        try await query(on: database).withDeleted().filter(\.$apolloID == apolloID).first() != nil
    }
}
