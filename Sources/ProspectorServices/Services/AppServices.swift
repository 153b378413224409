import ApolloIOClient
import FluentKit
import ProspectorData
import RedisClient

/// Every use case of Prospector, on one database handle. The composition root builds one per request (on the
/// request's database) or per process; controllers, commands and jobs call nothing below it.
public struct AppServices: Sendable {
    public let database: any Database
    public let settings: ServiceSettings
    let apolloAccess: ApolloAccess?
    /// Where Apollo posts reveal results (the callback URL's base); asked when a reveal starts, since the port a
    /// server listens on may be known only once it runs.
    let callbackBaseURL: @Sendable () -> String
    /// Redis, when jobs added by name live there (`JOBS_BACKEND=redis`).
    public let jobsRedis: RedisPool?

    public init(
        database: any Database, apollo: ApolloAccess?, settings: ServiceSettings, callbackBaseURL: @escaping @Sendable () -> String,
        jobsRedis: RedisPool? = nil
    ) {
        self.database = database
        self.apolloAccess = apollo
        self.settings = settings
        self.callbackBaseURL = callbackBaseURL
        self.jobsRedis = jobsRedis
    }

    /// The same services on another database handle (a transaction, another event loop's).
    public func on(_ database: any Database) -> AppServices {
        AppServices(database: database, apollo: apolloAccess, settings: settings, callbackBaseURL: callbackBaseURL, jobsRedis: jobsRedis)
    }

    /// The Apollo side; ``ServiceError/apolloNotStarted`` in a role that does not talk to Apollo.
    public var apollo: ApolloAccess {
        get throws {
            guard let apolloAccess else { throw ServiceError.apolloNotStarted }
            return apolloAccess
        }
    }

    // MARK: Local data

    public var contacts: ContactService { ContactService(database: database) }
    public var jobs: JobService { JobService(database: database, suppressions: suppressions, redis: jobsRedis) }
    public var keys: KeyService { KeyService(database: database) }
    public var webhookSubscriptions: WebhookSubscriptionService { WebhookSubscriptionService(database: database) }
    public var webhookDelivery: WebhookService { WebhookService(database: database) }
    public var syncStatus: SyncStatusService { SyncStatusService(database: database) }
    public var credits: CreditService { CreditService(database: database, budget: settings.budget, clock: settings.clock) }
    public var databaseHealth: DatabaseHealth { DatabaseHealth(database: database) }
    public var audit: AuditLogReader { AuditLogReader(database: database) }
    public var suppressions: SuppressionList { SuppressionList(key: settings.suppressionKey) }
    public var retention: RetentionService { RetentionService(database: database, policy: settings.retention, clock: settings.clock) }
    public var approvals: SpendApprovalService {
        SpendApprovalService(database: database, ttlSeconds: settings.approvalTTLSeconds, clock: settings.clock)
    }
    public var subjectExport: SubjectExport { SubjectExport(database: database) }
    public var dashboardSessions: DashboardSessions {
        DashboardSessions(database: database, lifetimeSeconds: settings.dashboardSessionSeconds, clock: settings.clock)
    }
    public var rateLimits: RateLimitOverview { RateLimitOverview(database: database, plan: settings.ratePlan, clock: settings.clock) }

    // MARK: Through Apollo

    /// Enrichment with the shared memory (`enrichment_attempts`): one home for match-or-bulk, batching and storing.
    public var enrichment: EnrichmentService {
        get throws {
            EnrichmentService(
                client: try apollo.client, memory: SQLEnrichmentMemory(database: database), database: database,
                matchFreshnessSeconds: settings.matchFreshnessSeconds, missFreshnessSeconds: settings.missFreshnessSeconds,
                clock: settings.clock, suppressions: suppressions)
        }
    }

    /// CSV lists enriched row by row through ``enrichment``.
    public var lists: ListEnrichment {
        get throws { ListEnrichment(enrichment: try enrichment) }
    }

    public var leads: LeadService {
        get throws {
            LeadService(
                client: try apollo.client, enrichment: try enrichment, database: database, approvals: approvals,
                approvalThresholdCredits: settings.approvalThresholdCredits, placement: JobPlacement(redis: jobsRedis))
        }
    }

    public var organizations: OrganizationService {
        get throws { OrganizationService(client: try apollo.client, database: database) }
    }

    public var deals: DealService {
        get throws { DealService(client: try apollo.client, database: database) }
    }

    public var sequences: SequenceService {
        get throws { SequenceService(client: try apollo.client, database: database, suppressions: suppressions) }
    }

    public var tasks: TaskService {
        get throws { TaskService(client: try apollo.client, database: database, suppressions: suppressions) }
    }

    public var reveals: PhoneRevealService {
        get throws {
            PhoneRevealService(
                enrichment: try enrichment, database: database, publicBaseURL: callbackBaseURL(),
                pollAfterSeconds: settings.revealPollAfterSeconds)
        }
    }

    public var revealDelivery: RevealDelivery {
        get throws { RevealDelivery(client: try apollo.client, database: database) }
    }

    public var sync: SyncService {
        get throws { SyncService(client: try apollo.client, database: database, suppressions: suppressions) }
    }

    /// Erasure of a person's data everywhere, with their suppression; `apollo` clears Apollo's copy when asked.
    public var erasure: ErasureService {
        ErasureService(database: database, suppressions: suppressions, client: apolloAccess?.client)
    }

    public var automation: AutomationService {
        get throws { AutomationService(client: try apollo.client, database: database, rules: settings.stageRules, suppressions: suppressions) }
    }
}
