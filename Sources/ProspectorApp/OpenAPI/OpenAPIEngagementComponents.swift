import OpenAPIKit
import ProspectorData
import ProspectorServices

/// The schemas of sequences, tasks and health.
enum OpenAPIEngagementComponents {
    static var schemas: [(String, JSONSchema)] {
        let text = Schema.text()
        let ids = Schema.apolloIDs(min: 1)
        return [
            (
                "SequenceSearchRequest",
                Schema.object([("name", text), ("page", Schema.integer(min: 1, max: 500)), ("perPage", Schema.integer(min: 1, max: 100))])
            ),
            (
                "Sequence",
                Schema.object(
                    [
                        ("id", Schema.string()), ("name", Schema.string()), ("active", Schema.boolean()), ("archived", Schema.boolean()),
                        ("numSteps", Schema.integer()),
                    ], required: ["id"])
            ),
            (
                "SequencesResponse",
                Schema.object(
                    [("sequences", Schema.array(Schema.ref("Sequence"))), ("pagination", Schema.ref("Pagination"))],
                    required: ["sequences", "pagination"])
            ),
            (
                "AddToSequenceRequest",
                Schema.object(
                    [("contactIds", ids), ("emailAccountId", Schema.apolloID), ("active", Schema.boolean())],
                    required: ["contactIds", "emailAccountId"])
            ),
            (
                "AddedToSequence",
                Schema.object(
                    [
                        ("added", Schema.array(Schema.string())), ("skipped", Schema.object([], additional: Schema.string())),
                        ("status", Schema.string(enumeration: ["active", "paused"])),
                    ], required: ["added", "skipped", "status"])
            ),
            (
                "RemoveFromSequencesRequest",
                Schema.object(
                    [("sequenceIds", ids), ("contactIds", ids), ("mode", Schema.string(enumeration: ["remove", "stop", "finish"]))],
                    required: ["sequenceIds", "contactIds", "mode"])
            ),
            (
                "RemovedFromSequences",
                Schema.object([("contacts", Schema.array(Schema.string())), ("mode", Schema.string())], required: ["contacts", "mode"])
            ),
            (
                "CreateTasksRequest",
                Schema.object(
                    [
                        ("userId", Schema.apolloID), ("contactIds", ids),
                        (
                            "type",
                            Schema.string(enumeration: [
                                "call", "outreach_manual_email", "linkedin_step_connect", "linkedin_step_message", "linkedin_step_view_profile",
                                "linkedin_step_interact_post", "action_item",
                            ])
                        ), ("dueAt", Schema.string(format: .dateTime)), ("priority", Schema.string(enumeration: ["high", "medium", "low"])),
                        ("title", text), ("note", Schema.text(max: 5_000)),
                    ], required: ["userId", "contactIds", "type", "dueAt"])
            ),
            (
                "Task",
                Schema.object(
                    [
                        ("id", Schema.string()), ("userId", Schema.string()), ("contactId", Schema.string()), ("type", Schema.string()),
                        ("priority", Schema.string()), ("status", Schema.string()), ("title", Schema.string()), ("note", Schema.string()),
                        ("dueAt", Schema.string(format: .dateTime)),
                    ], required: ["id"])
            ),
            (
                "TasksResponse",
                Schema.object([("tasks", Schema.array(Schema.ref("Task"))), ("pagination", Schema.ref("Pagination"))], required: ["tasks"])
            ),
            (
                "SyncStatus",
                Schema.object(
                    [
                        (
                            "objects",
                            Schema.array(
                                Schema.object(
                                    [
                                        ("object", Schema.string()), ("lastRunAt", Schema.string(format: .dateTime)),
                                        ("lastStatus", Schema.string()),
                                        ("watermark", Schema.string(format: .dateTime)), ("counts", Schema.any), ("lastError", Schema.string()),
                                        ("running", Schema.boolean()),
                                        ("resumable", Schema.boolean()),
                                    ], required: ["object", "running", "resumable"]))
                        )
                    ], required: ["objects"])
            ),
            (
                "SyncAccepted",
                Schema.object(
                    [("jobId", Schema.integer()), ("object", Schema.string()), ("alreadyQueued", Schema.boolean())],
                    required: ["jobId", "object", "alreadyQueued"])
            ),
            (
                "CreateWebhookRequest",
                Schema.object(
                    [
                        ("url", Schema.string(min: 1, max: 2_000, format: .uri)),
                        (
                            "eventTypes",
                            Schema.array(
                                Schema.string(enumeration: [
                                    "*", "contact.created", "contact.updated", "account.created", "account.updated",
                                    "deal.created", "deal.stage_changed", "deal.amount_changed", "deal.owner_changed",
                                    "record.deleted",
                                ]), min: 1)
                        ),
                        ("secret", Schema.string(min: 16, max: 200)),
                    ], required: ["url", "eventTypes"])
            ),
            (
                "Webhook",
                Schema.object(
                    [
                        ("id", Schema.string(format: .uuid)), ("url", Schema.string()), ("eventTypes", Schema.array(Schema.string())),
                        ("active", Schema.boolean()), ("disabledReason", Schema.string()), ("consecutiveFailures", Schema.integer()),
                    ],
                    required: ["id", "url", "eventTypes", "active", "consecutiveFailures"])
            ),
            ("CreatedWebhook", Schema.object([("webhook", Schema.ref("Webhook")), ("secret", Schema.string())], required: ["webhook", "secret"])),
            ("WebhooksResponse", Schema.object([("webhooks", Schema.array(Schema.ref("Webhook")))], required: ["webhooks"])),
            (
                "Delivery",
                Schema.object(
                    [
                        ("id", Schema.string(format: .uuid)), ("eventId", Schema.string(format: .uuid)), ("eventType", Schema.string()),
                        ("state", Schema.string(enumeration: ["pending", "delivered", "failed"])), ("attempts", Schema.integer()),
                        ("responseCode", Schema.integer()), ("lastError", Schema.string()), ("deliveredAt", Schema.string(format: .dateTime)),
                    ],
                    required: ["id", "eventId", "eventType", "state", "attempts"])
            ),
            ("DeliveriesResponse", Schema.object([("deliveries", Schema.array(Schema.ref("Delivery")))], required: ["deliveries"])),
            ("Redelivery", Schema.object([("jobId", Schema.integer()), ("delivery", Schema.ref("Delivery"))], required: ["jobId", "delivery"])),
            (
                "Health",
                Schema.object(
                    [
                        ("status", Schema.string(enumeration: ["ok", "degraded"])), ("version", Schema.string()),
                        ("database", Schema.any), ("apollo", Schema.any), ("jobs", Schema.any),
                    ], required: ["status", "version", "database", "apollo", "jobs"])
            ),
        ]
    }
}
