import Testing

@testable import ApolloIOClient

@Suite struct RateLimitStatusTests {
    @Test func headers_twentyFourHourSpelling() {
        let headers = [
            "x-rate-limit-minute": "200", "x-minute-usage": "1", "x-minute-requests-left": "199",
            "x-rate-limit-hourly": "400", "x-hourly-usage": "1", "x-hourly-requests-left": "399",
            "x-rate-limit-24-hour": "2000", "x-24-hour-usage": "1", "x-24-hour-requests-left": "1999",
        ]
        let status = RateLimitStatus { headers[$0] }
        #expect(status.minute == .limited(limit: 200, used: 1, remaining: 199))
        #expect(status.hour == .limited(limit: 400, used: 1, remaining: 399))
        #expect(status.day == .limited(limit: 2000, used: 1, remaining: 1999))
    }

    @Test func headers_dailySpellingAndEmptyMeansUnlimited() {
        let headers = [
            "x-rate-limit-minute": "1000", "x-minute-usage": "3", "x-rate-limit-hourly": "", "x-rate-limit-daily": "600",
            "x-daily-usage": "10", "x-daily-requests-left": "590",
        ]
        let status = RateLimitStatus { headers[$0] }
        #expect(status.minute?.remaining == 997)
        #expect(status.hour == .unlimited)
        #expect(status.day == .limited(limit: 600, used: 10, remaining: 590))
    }

    @Test func headers_absentMeansUnknown() {
        let status = RateLimitStatus { _ in nil }
        #expect(status.isEmpty)
    }

    @Test func classifier_429WithoutRetryAfterDerivesWindowFromMessage() {
        let rejection = ApolloErrorClassifier.rateLimitRejection(
            message: "The maximum number of api calls allowed for api/v1/contacts/search is 400 times per hour. Please upgrade",
            retryAfter: nil)
        #expect(rejection.window == .hour)
        #expect(rejection.retryAfterSeconds == 900)
        #expect(!rejection.retryAfterFromHeader)
    }

    @Test func classifier_422DoesNotExistIsNotFound_andApiKeyRequiredIsMissingKey() {
        let notFound = ApolloErrorClassifier.classify(
            status: 422, body: Array(#"{"error": "Oops! This contact does not exist in Apollo."}"#.utf8), retryAfter: nil,
            endpoint: .contactShow("x"))
        #expect(notFound == .notFound(message: "Oops! This contact does not exist in Apollo."))
        let missing = ApolloErrorClassifier.classify(
            status: 422, body: Array(#"{"error": "Api key required"}"#.utf8), retryAfter: nil, endpoint: .authHealth)
        #expect(missing == .missingAPIKey)
    }

    @Test func classifier_oldJSON401AndVariant429() {
        let invalid = ApolloErrorClassifier.classify(
            status: 401, body: Array(#"{"status": 401, "message": "Invalid access credentials."}"#.utf8), retryAfter: nil, endpoint: .authHealth)
        #expect(invalid == .invalidAPIKey(message: "Invalid access credentials."))
        let limited = ApolloErrorClassifier.classify(
            status: 429,
            body: Array(
                #"{"message": "… is 400 times per hour. Please upgrade", "error_details": {"code": "USAGE.RATE_LIMIT.API_RATE_LIMIT_EXCEEDED"}}"#.utf8
            ),
            retryAfter: "37", endpoint: .contactSearch)
        guard case .rateLimited(let rejection) = limited else {
            Issue.record("expected rate limited, got \(limited)")
            return
        }
        #expect(rejection.retryAfterSeconds == 37)
        #expect(rejection.window == .hour)
    }
}
