import OpenAPIKit
import ProspectorData

/// The schemas of reveals and of the callback Apollo posts their results to.
enum OpenAPIRevealComponents {
    static var schemas: [(String, JSONSchema)] {
        let uuid = Schema.string(format: .uuid)
        let dateTime = Schema.string(format: .dateTime)
        let kinds = PhoneReveal.Kind.allCases.map(\.rawValue)
        return [
            (
                "RevealRequest",
                Schema.object(
                    [("contactIds", Schema.array(uuid, min: 1, max: 10)), ("kind", Schema.string(enumeration: kinds))],
                    required: ["contactIds"])
            ),
            (
                "Reveal",
                Schema.object(
                    [
                        ("id", uuid), ("kind", Schema.string(enumeration: kinds)),
                        ("status", Schema.string(enumeration: ["requesting", "pending", "completed", "failed"])),
                        ("apolloRequestId", Schema.string()),
                        ("contactIds", Schema.array(uuid)), ("creditsReserved", Schema.number()), ("creditsConsumed", Schema.number()),
                        ("deliveredVia", Schema.string(enumeration: ["callback", "poll"])), ("phonesFound", Schema.integer()),
                        ("emailsFound", Schema.integer()),
                        ("failureReason", Schema.string()), ("requestedAt", dateTime), ("completedAt", dateTime),
                    ], required: ["kind", "status", "contactIds", "creditsReserved", "phonesFound", "emailsFound"])
            ),
            ("RevealResponse", Schema.object([("reveal", Schema.ref("Reveal"))], required: ["reveal"])),
            ("RevealsResponse", Schema.object([("reveals", Schema.array(Schema.ref("Reveal")))], required: ["reveals"])),
            // Apollo's body (CONTRACT §12.3), snake_case; fields we do not read are allowed and ignored.
            (
                "ApolloRevealResult",
                Schema.object([
                    ("status", Schema.string()),
                    (
                        "request_id",
                        .one(of: [
                            Schema.integer(min: Int(Int64.min), max: Int(Int64.max)), Schema.string(min: 1, max: 19, pattern: "^-?[0-9]{1,18}$"),
                        ])
                    ),
                    (
                        // Decoded as a Decimal: zero, or 10^-100 up to 10^15 (a Decimal holds no smaller or larger exponent).
                        "credits_consumed",
                        .any(of: [
                            JSONSchema.number(maximum: (0, exclusive: false), minimum: (0, exclusive: false)),
                            JSONSchema.number(maximum: (1e15, exclusive: true), minimum: (1e-100, exclusive: false)),
                        ])
                    ),
                    (
                        "people",
                        Schema.array(
                            Schema.object(
                                [
                                    ("id", Schema.string(min: 1, max: 100)), ("status", Schema.string()),
                                    (
                                        "phone_numbers",
                                        Schema.array(
                                            Schema.object([
                                                ("raw_number", Schema.string()), ("sanitized_number", Schema.string()),
                                                ("type_cd", Schema.string()), ("status_cd", Schema.string()),
                                            ]))
                                    ),
                                    ("emails", Schema.array(Schema.object([("email", Schema.string()), ("email_status_cd", Schema.string())]))),
                                ], required: ["id"]))
                    ),
                ])
            ),
            (
                "CallbackAcknowledgement",
                Schema.object(
                    [("status", Schema.string(enumeration: ["applied", "already_applied"])), ("revealId", uuid)],
                    required: ["status", "revealId"])
            ),
        ]
    }
}
