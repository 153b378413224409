import JobQueue

/// Every job kind Prospector runs, registered with its handler on one set of services.
public enum ProspectorJobs {
    /// The registry of a worker whose jobs call `services`.
    public static func registry(_ services: AppServices) throws -> JobRegistry {
        var registry = JobRegistry()
        let apollo = try services.apollo
        let clock = services.settings.clock
        registry.register(EnrichJob(enrichment: try services.enrichment), clock: clock)
        registry.register(SyncJob(service: try services.sync), clock: clock)
        let automation = try services.automation
        registry.register(DispatchJob(service: automation), clock: clock)
        registry.register(StageChangeJob(service: automation), clock: clock)
        registry.register(
            TaskCreatorJob(creation: TaskCreation(client: apollo.client, database: services.database, suppressions: services.suppressions)),
            clock: clock)
        registry.register(WebhookDeliveryJob(service: services.webhookDelivery), clock: clock)
        let leads = try services.leads
        registry.register(EnrichPersonJob(leads: leads), clock: clock)
        registry.register(EnrichOrganizationJob(organizations: try services.organizations), clock: clock)
        registry.register(BulkSearchJob(leads: leads), clock: clock)
        registry.register(RetentionJob(retention: services.retention, approvals: services.approvals), clock: clock)
        registry.register(PhoneRevealPollJob(client: apollo.client, database: services.database, clock: clock), clock: clock)
        return registry
    }

    /// The kinds that can be added by name from outside (`POST /api/jobs`, `prospector jobs add`): the reference's
    /// three. The others are enqueued by the services that own them (bulk enrichment by `POST /api/leads/enrich/bulk`).
    public static let addable: [String: AddableJob] = Dictionary(
        uniqueKeysWithValues: [AddableJob(EnrichPersonJob.self), AddableJob(EnrichOrganizationJob.self), AddableJob(BulkSearchJob.self)].map {
            ($0.kind, $0)
        })

    /// The cron schedules every worker process keeps (each slot runs once across processes).
    public static func schedules(syncIntervalMinutes: Double) throws -> [CronSchedule] {
        var schedules = syncIntervalMinutes > 0 ? try SyncJob.schedules(everyMinutes: syncIntervalMinutes) : []
        schedules.append(CronSchedule(name: "automation-dispatch", everySeconds: 60, job: try DispatchJob.job(DispatchJob.Payload())))
        schedules.append(CronSchedule(name: "retention", everySeconds: 86_400, job: try RetentionJob.job(RetentionJob.Payload())))
        return schedules
    }
}
