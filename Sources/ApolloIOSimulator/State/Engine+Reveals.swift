import Foundation

/// An asynchronous phone reveal waiting to be delivered to its webhook (CONTRACT §12.3).
struct PendingReveal: Sendable {
    var requestID: Int64
    var webhookURL: String
    var people: [(id: String, phone: String?)]
    var createdAt: Date
    var readyAt: Date
    var ready = false
    var delivered = false
    var attempts = 0
    var nextAttemptAt: Date
}

/// Results are kept for 30 days, then answer 410.
private let revealRetention: Double = 30 * 86_400
/// Deliveries are retried this many times on a non-2xx answer.
private let maxDeliveryAttempts = 8

extension SimulatorEngine {
    func scheduleReveal(people: [SimPerson], webhookURL: String) -> Int64 {
        let id = newRequestID()
        let ready = now.addingTimeInterval(configuration.webhookDelaySeconds)
        reveals[id] = PendingReveal(
            requestID: id, webhookURL: webhookURL, people: people.map { ($0.id, $0.mobilePhone) },
            createdAt: now, readyAt: ready, nextAttemptAt: ready)
        return id
    }

    private func payload(_ reveal: PendingReveal) -> JSONValue {
        let found = reveal.people.filter { $0.phone != nil }
        return [
            "status": "success", "total_requested_enrichments": .number(reveal.people.count),
            "unique_enriched_records": .number(found.count), "missing_records": .number(reveal.people.count - found.count),
            "credits_consumed": .number(found.count * 8), "request_id": .string(String(reveal.requestID)),
            "people": .array(reveal.people.map { person in
                guard let phone = person.phone else { return ["id": .string(person.id), "status": "not_found", "phone_numbers": []] }
                let sanitized = phone.filter { $0.isNumber || $0 == "+" }
                return [
                    "id": .string(person.id), "status": "success",
                    "phone_numbers": [[
                        "_id": .string(person.id), "id": .string(person.id), "key": .string(person.id),
                        "raw_number": .string(phone), "sanitized_number": .string(sanitized), "type_cd": "mobile",
                        "status_cd": "valid_number", "confidence_cd": "high", "position": 0, "dnc_status_cd": "not_found",
                    ]],
                ]
            }),
        ]
    }

    /// Marks reveals whose delay has passed as ready (charging their credits) and returns the deliveries now due.
    func dueDeliveries() -> [(id: Int64, url: String, body: Data)] {
        let present = now
        var due: [(Int64, String, Data)] = []
        for (id, var reveal) in reveals where !reveal.delivered && reveal.nextAttemptAt <= present && reveal.attempts < maxDeliveryAttempts {
            makeReady(&reveal)
            // Pushed back while in flight so that the next poll does not send it twice.
            reveal.nextAttemptAt = present.addingTimeInterval(3_600)
            reveals[id] = reveal
            due.append((id, reveal.webhookURL, payload(reveal).encoded()))
        }
        return due
    }

    /// A reveal's phones are charged (8 credits each, CONTRACT §6) when its result exists.
    private func makeReady(_ reveal: inout PendingReveal) {
        guard !reveal.ready else { return }
        reveal.ready = true
        credits.charge(directDial: Double(reveal.people.filter { $0.phone != nil }.count * 8), route: "webhook/phone_reveal")
    }

    /// Records a delivery's outcome; failures retry with exponential backoff (simulated seconds).
    func deliveryFinished(id: Int64, succeeded: Bool) {
        guard var reveal = reveals[id] else { return }
        reveal.attempts += 1
        counters.record(label: "webhook/delivery", status: succeeded ? 200 : 500)
        if succeeded {
            reveal.delivered = true
        } else {
            reveal.nextAttemptAt = now.addingTimeInterval(10 * pow(2, Double(reveal.attempts - 1)))
        }
        reveals[id] = reveal
    }

    func webhookResult(_ request: SimRequest) -> SimResponse {
        guard let text = request.pathID, let id = Int64(text) else { return .json(["error_code": "invalid_request_id"], status: 400) }
        guard var reveal = reveals[id] else { return .json(["error_code": "request_id_unknown"], status: 404) }
        if now.timeIntervalSince(reveal.createdAt) > revealRetention { return .json(["error_code": "request_id_expired"], status: 410) }
        if now >= reveal.readyAt {
            makeReady(&reveal)
            reveals[id] = reveal
        }
        guard reveal.ready else {
            let wait = max(1, Int(realSeconds(reveal.readyAt.timeIntervalSince(now)).rounded(.up)))
            return .json(["error_code": "result_pending", "retry_after_seconds": .number(min(wait, 10))], status: 404)
        }
        return .json([
            "request_id": .string(String(id)), "webhook_status": reveal.delivered ? "success" : "pending",
            "request_type": "phone", "last_dispatched_at": Serialize.date(reveal.readyAt), "failure_reason": nil,
            "webhook_result": payload(reveal),
        ])
    }
}
