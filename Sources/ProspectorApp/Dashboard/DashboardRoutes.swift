import Leaf
import LeafKit
import Vapor

/// The operator's dashboard at `/`: server-rendered pages (Leaf templates shipped with the module), a stylesheet and
/// a small script served by the process itself, behind a session signed in with an API key.
enum DashboardRoutes {
    static func register(on app: Application) throws {
        app.views.use(.leaf)
        let views = DashboardAssets.resourceDirectory + "/Views/"
        app.leaf.configuration = LeafConfiguration(rootDirectory: views)
        // Templates are read from the sandbox of the module's own resources; those live under `.build/` in a build
        // tree, which Leaf's default limits would refuse as a hidden directory.
        app.leaf.sources = .singleSource(
            NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions], sandboxDirectory: views, viewDirectory: views))
        let dashboard = app.routes.grouped(DashboardErrorMiddleware())
        try dashboard.register(collection: DashboardAssets())
        try dashboard.register(collection: SignInController())
        let signedIn = dashboard.grouped(DashboardSessionMiddleware())
        signedIn.post("sign-out", use: SignInController.signOut)
        for controller: any RouteCollection in [
            OverviewController(), PipelineController(), JobsPageController(), ContactsPageController(), AdminPagesController(),
        ] { try signedIn.register(collection: controller) }
    }
}
