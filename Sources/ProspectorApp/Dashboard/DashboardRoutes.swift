import Leaf
import LeafKit
import Vapor

/// The operator's dashboard at `/`: server-rendered pages (Leaf templates shipped with the module), a stylesheet and
/// a small script served by the process itself, behind a session signed in with an API key.
public enum DashboardRoutes {
    /// The `userInfo` key set on every dashboard route.
    public static let marker: AnySendableHashable = "prospector.dashboard"

    static func register(on app: Application) throws {
        app.views.use(.leaf)
        let views = DashboardAssets.resourceDirectory + "/Views/"
        app.leaf.configuration = LeafConfiguration(rootDirectory: views)
        // Templates are read from the sandbox of the module's own resources; those live under `.build/` in a build
        // tree, which Leaf's default limits would refuse as a hidden directory.
        app.leaf.sources = .singleSource(
            NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions], sandboxDirectory: views, viewDirectory: views))
        let before = app.routes.all.count
        defer {
            // Marked so that the OpenAPI document's completeness test can tell pages from API operations.
            for route in app.routes.all.dropFirst(before) { route.userInfo[Self.marker] = true }
        }
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
