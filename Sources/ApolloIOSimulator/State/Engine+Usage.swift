import Foundation

/// Usage reports, the acting user and liveness (CONTRACT §12.1–12.4, §2.3).
extension SimulatorEngine {
    /// Keyed by a stringified JSON array `["<controller>", "<action>"]`, windows with `left_over = limit − consumed`.
    func apiUsageStats(_ request: SimRequest) -> SimResponse {
        var report: [String: JSONValue] = [:]
        for route in SimRoutes.all {
            let (controller, action) = route.usageKey
            let key = "[\"\(controller)\", \"\(action)\"]"
            let limits = configuration.plan.limits(for: route.group)
            var windows: [String: JSONValue] = [:]
            for window in SimWindow.allCases {
                guard let limit = window.limit(in: limits) else { continue }
                let used = limiter.usage(label: route.label, window: window, now: now)
                windows[window.rawValue] = ["limit": .number(limit), "consumed": .number(used), "left_over": .number(max(0, limit - used))]
            }
            report[key] = .object(windows)
        }
        return .json(.object(report))
    }

    func creditUsageStats(_ request: SimRequest) -> SimResponse {
        func pool(_ limit: Int, _ consumed: Double) -> JSONValue {
            ["limit": .number(limit), "consumed": .double(consumed), "left_over": .double(Double(limit) - consumed)]
        }
        let cycleStart = Calendar(identifier: .gregorian).dateInterval(of: .month, for: now)
        return .json([
            "credit_usage_stats": [
                "lead_credit": pool(configuration.leadCreditLimit, credits.lead),
                "direct_dial_credit": pool(configuration.directDialCreditLimit, credits.directDial),
                "export_credit": pool(0, 0), "conversation_credit": pool(0, 0), "ai_credit": pool(0, 0), "power_up_credit": pool(0, 0),
                "inbound_website_visitor_credit": pool(0, 0), "dialer": pool(0, 0), "web_search_record_credit": pool(0, 0),
                "contact_website_visitor_credit": pool(0, 0),
            ],
            "current_credit_cycle": ["start_date": Serialize.date(cycleStart?.start), "end_date": Serialize.date(cycleStart?.end)],
        ])
    }

    /// The acting user, not wrapped in a `user` key; credit fields when `include_credit_usage` is true.
    func apiProfile(_ request: SimRequest) -> SimResponse {
        let user = data.users[0]
        var object = Serialize.user(user, teamID: data.teamID).objectMembers
        if request.parameters.bool("include_credit_usage") {
            object["num_lead_credits_used"] = .double(credits.lead)
            object["effective_num_lead_credits"] = .number(configuration.leadCreditLimit)
            object["num_direct_dial_credits_used"] = .double(credits.directDial)
            object["effective_num_direct_dial_credits"] = .number(configuration.directDialCreditLimit)
            object["num_credits_remaining"] = .double(Double(configuration.leadCreditLimit) - credits.lead)
        }
        return .json(.object(object))
    }

    /// Always 200; `is_logged_in` says whether the key is known (CONTRACT §2.3).
    func authHealth(apiKey: String?) -> SimResponse {
        let known = apiKey.map { key in configuration.keys.contains { $0.key == key } } ?? false
        return .json(["healthy": true, "is_logged_in": .bool(known)])
    }
}
