import JobQueue

/// Every job kind Prospector runs, registered with its handler on one set of services.
public enum ProspectorJobs {
    /// The registry of a worker whose jobs call `services`.
    public static func registry(_ services: AppServices) throws -> JobRegistry {
        var registry = JobRegistry()
        let apollo = try services.apollo, clock = services.settings.clock
        EnrichJob(enricher: apollo.enricher, database: services.database, clock: clock).register(in: &registry)
        SyncJob(service: try services.sync, clock: clock).register(in: &registry)
        let automation = try services.automation
        DispatchJob(service: automation).register(in: &registry)
        StageChangeJob(service: automation, clock: clock).register(in: &registry)
        WebhookDeliveryJob(service: services.webhookDelivery).register(in: &registry)
        PhoneRevealPollJob(client: apollo.client, database: services.database, clock: clock).register(in: &registry)
        return registry
    }

    /// The cron schedules every worker process keeps (each slot runs once across processes).
    public static func schedules(syncIntervalMinutes: Double) throws -> [CronSchedule] {
        var schedules = syncIntervalMinutes > 0 ? try SyncJob.schedules(everyMinutes: syncIntervalMinutes) : []
        schedules.append(CronSchedule(name: "automation-dispatch", everySeconds: 60, job: DispatchJob.job()))
        return schedules
    }
}
