import Foundation

/// What an asynchronous enrichment looks for: a native phone reveal, or a waterfall over Apollo's vendors for
/// emails, phones or both (CONTRACT §12.3).
struct RevealKind: Sendable, Equatable {
    var waterfall: Bool
    var phones: Bool
    var emails: Bool

    static let phoneReveal = RevealKind(waterfall: false, phones: true, emails: false)

    /// The kind a request's flags ask for; nil when it asks for nothing asynchronous.
    init?(_ parameters: RequestParameters) {
        let waterfallEmail = parameters.bool("run_waterfall_email")
        let waterfallPhone = parameters.bool("run_waterfall_phone")
        if waterfallEmail || waterfallPhone {
            self.init(waterfall: true, phones: waterfallPhone, emails: waterfallEmail)
        } else if parameters.bool("reveal_phone_number") {
            self = .phoneReveal
        } else {
            return nil
        }
    }

    init(waterfall: Bool, phones: Bool, emails: Bool) {
        self.waterfall = waterfall
        self.phones = phones
        self.emails = emails
    }
}

/// An asynchronous enrichment waiting to be delivered to its webhook (CONTRACT §12.3).
struct PendingReveal: Sendable {
    var requestID: Int64
    var webhookURL: String
    var kind: RevealKind
    var people: [(id: String, phone: String?, email: String?)]
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
    func scheduleReveal(people: [SimPerson], kind: RevealKind, webhookURL: String) -> Int64 {
        let id = newRequestID()
        let ready = now.addingTimeInterval(configuration.webhookDelaySeconds)
        reveals[id] = PendingReveal(
            requestID: id, webhookURL: webhookURL, kind: kind,
            people: people.map { ($0.id, kind.phones ? $0.mobilePhone : nil, kind.emails ? $0.email : nil) },
            createdAt: now, readyAt: ready, nextAttemptAt: ready)
        return id
    }

    /// Direct-dial credits for the phones found and lead credits for the emails (CONTRACT §6).
    private func credits(_ reveal: PendingReveal) -> (directDial: Int, lead: Int) {
        (reveal.people.filter { $0.phone != nil }.count * 8, reveal.people.filter { $0.email != nil }.count)
    }

    private func payload(_ reveal: PendingReveal) -> JSONValue {
        reveal.kind.waterfall ? waterfallPayload(reveal) : phoneRevealPayload(reveal)
    }

    private func phoneRevealPayload(_ reveal: PendingReveal) -> JSONValue {
        let found = reveal.people.filter { $0.phone != nil }
        return [
            "status": "success", "total_requested_enrichments": .number(reveal.people.count),
            "unique_enriched_records": .number(found.count), "missing_records": .number(reveal.people.count - found.count),
            "credits_consumed": .number(credits(reveal).directDial), "request_id": .string(String(reveal.requestID)),
            "people": .array(
                reveal.people.map { person in
                    [
                        "id": .string(person.id), "status": person.phone == nil ? "not_found" : "success",
                        "phone_numbers": .array(person.phone.map { [Self.phoneNumber($0, personID: person.id)] } ?? []),
                    ]
                }),
        ]
    }

    private func waterfallPayload(_ reveal: PendingReveal) -> JSONValue {
        let phones = reveal.people.filter { $0.phone != nil }.count
        let emails = reveal.people.filter { $0.email != nil }.count
        let cost = credits(reveal)
        var targets: [JSONValue] = []
        if reveal.kind.emails { targets.append("emails") }
        if reveal.kind.phones { targets.append("phone_numbers") }
        return [
            "status": "completed", "total_requested_enrichments": .number(reveal.people.count), "target_fields": .array(targets),
            "records_enriched": .number(reveal.people.filter { $0.phone != nil || $0.email != nil }.count),
            "email_records_enriched": .number(emails), "mobile_records_enriched": .number(phones),
            "enrichment_not_found": .number(reveal.people.filter { $0.phone == nil && $0.email == nil }.count),
            "email_records_not_found": .number(reveal.kind.emails ? reveal.people.count - emails : 0),
            "mobile_records_not_found": .number(reveal.kind.phones ? reveal.people.count - phones : 0),
            "credits_consumed": .number(cost.directDial + cost.lead), "request_id": .string(String(reveal.requestID)),
            "request_initiated": Serialize.date(reveal.createdAt), "request_completed": Serialize.date(reveal.readyAt),
            "people": .array(
                reveal.people.map { person in
                    [
                        "id": .string(person.id),
                        "waterfall": ["emails": [["vendors": []]], "phone_numbers": [["vendors": []]]],
                        "phone_numbers": .array(person.phone.map { [Self.phoneNumber($0, personID: person.id)] } ?? []),
                        "emails": .array(
                            person.email.map { email in
                                [
                                    [
                                        "email": .string(email), "email_source_cd": "waterfall", "position": 0, "email_status_cd": "verified",
                                        "extrapolated_email_confidence": nil, "third_party_data_provider_id": nil,
                                        "waterfall_enriched_at": Serialize.date(reveal.readyAt), "vendor_validation_statuses": [],
                                    ]
                                ]
                            } ?? []),
                    ]
                }),
        ]
    }

    private static func phoneNumber(_ phone: String, personID: String) -> JSONValue {
        [
            "_id": .string(personID), "id": .string(personID), "key": .string(personID),
            "raw_number": .string(phone), "sanitized_number": .string(phone.filter { $0.isNumber || $0 == "+" }), "type_cd": "mobile",
            "status_cd": "valid_number", "confidence_cd": "high", "position": 0, "dnc_status_cd": "not_found",
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

    /// A reveal's phones (8 credits each) and emails (1 each) are charged when its result exists (CONTRACT §6).
    private func makeReady(_ reveal: inout PendingReveal) {
        guard !reveal.ready else { return }
        reveal.ready = true
        let cost = credits(reveal)
        credits.charge(
            lead: Double(cost.lead), directDial: Double(cost.directDial), route: reveal.kind.waterfall ? "webhook/waterfall" : "webhook/phone_reveal",
            records: reveal.people.map(\.id))
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
            "request_type": reveal.kind.waterfall ? "waterfall" : "phone", "last_dispatched_at": Serialize.date(reveal.readyAt),
            "failure_reason": nil,
            "webhook_result": payload(reveal),
        ])
    }
}

/// Controls over asynchronous enrichments, for tests: what Apollo knows and may do (CONTRACT §12.3 says Apollo may
/// deliver a result again, and keeps it 30 days).
extension SimulatorEngine {
    /// The callback URL a request was given.
    public func webhookURL(requestID: Int64) -> String? { reveals[requestID]?.webhookURL }

    /// Delivers a result once more, as Apollo may.
    public func redeliver(requestID: Int64) {
        guard var reveal = reveals[requestID] else { return }
        reveal.delivered = false
        reveal.attempts = 0
        reveal.nextAttemptAt = now
        reveals[requestID] = reveal
    }

    /// Forgets a request, as after its retention: polling it answers `request_id_unknown`.
    public func forgetReveal(requestID: Int64) { reveals[requestID] = nil }

    /// Deliveries made so far (successful or not).
    public var webhookDeliveries: Int { counters.calls["webhook/delivery"]?.values.reduce(0, +) ?? 0 }
}

extension SimulatorEngine {
    /// Makes a request's result ready now (tests that need it pending first, then ready, whatever the machine's load).
    public func completeReveal(requestID: Int64) {
        guard var reveal = reveals[requestID] else { return }
        reveal.readyAt = now
        reveal.nextAttemptAt = now
        reveals[requestID] = reveal
    }
}
