import Vapor

/// Every `prospector` subcommand; `serve` is the default.
enum ProspectorCommands {
    static func register(on app: Application) {
        app.asyncCommands.use(ProspectorServeCommand(), as: "serve", isDefault: true)
        app.asyncCommands.use(SimulatorCommand(), as: "simulator")
        app.asyncCommands.use(WorkerCommand(), as: "worker")
        app.asyncCommands.use(JobsCommand(), as: "jobs")
        app.asyncCommands.use(CreditsCommand(), as: "credits")
        app.asyncCommands.use(KeysCommand(), as: "keys")
        app.asyncCommands.use(SyncCommand(), as: "sync")
        app.asyncCommands.use(ContactsCommand(), as: "contacts")
        app.asyncCommands.use(RetentionCommand(), as: "retention")
        app.asyncCommands.use(ApprovalsCommand(), as: "approvals")
        app.asyncCommands.use(EnrichListCommand(), as: "enrich")
        app.asyncCommands.use(SearchLeadsCommand(), as: "search")
        app.asyncCommands.use(DoctorCommand(), as: "doctor")
    }
}
