import ProspectorServices
import Vapor

/// The body of `GET /health`.
struct HealthDTO: Content {
    struct Database: Content {
        var engine: String
        var reachable: Bool
    }

    struct Apollo: Content {
        var mode: String
        var baseURL: String
        var lastRateLimit: ApolloRuntime.LastRateLimit?
    }

    struct Jobs: Content {
        /// `sql` or `redis`.
        var backend: String
        var reachable: Bool
    }

    var status: String
    var version: String
    var database: Database
    var apollo: Apollo
    var jobs: Jobs
}
