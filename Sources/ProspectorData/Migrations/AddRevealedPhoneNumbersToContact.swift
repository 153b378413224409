import Fluent

/// Adds `revealed_phone_numbers` to `contacts`: phones Apollo delivered to a reveal's webhook. They are kept apart
/// from `phone_numbers`, which every sync and enrichment rewrites from Apollo's record, so that a later sync never
/// drops a phone that was paid for.
public struct AddRevealedPhoneNumbersToContact: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema).field("revealed_phone_numbers", .array(of: .string)).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).deleteField("revealed_phone_numbers").update()
    }
}
