import Fluent
import SQLKit

/// Adds `name` to `contacts`: the full name, as the reference architecture's Contact model keeps it. Existing rows get
/// their first and last name joined, as the mirroring would write them, so the next sync finds them unchanged (no
/// `contact.updated` event for every contact after the upgrade).
public struct AddNameToContact: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema).field("name", .string).update()
        // Portable SQL (both engines): `||`, TRIM, COALESCE and NULLIF.
        try await (database as! any SQLDatabase).raw(
            """
            UPDATE contacts SET name = NULLIF(TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), '')
            """
        ).run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).deleteField("name").update()
    }
}
