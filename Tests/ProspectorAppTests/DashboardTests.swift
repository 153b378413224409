import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorApp
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// The dashboard over HTTP on the run's engine: sign-in and its cookie, every page, CSRF, scopes, escaping, and the
/// actions (a deal moved in Apollo, a key created once and revoked). The same pages in a real browser are
/// Tests/Browser/dashboard_test.py.
@Suite struct DashboardTests {
    static let pages = ["/", "/pipeline", "/jobs", "/contacts", "/sync", "/audit", "/webhooks", "/keys"]

    @Test func signingIn_givesAStrictHttpOnlyCookie_andEveryPageRendersBehindIt() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            var browser = DashboardBrowser(baseURL: api.baseURL)
            let anonymous = try await browser.get("/jobs?state=dead")
            #expect(anonymous.status == 303 && anonymous.header("location") == "/sign-in?next=%2Fjobs%3Fstate%3Ddead")

            let form = try await browser.get("/sign-in")
            #expect(form.status == 200 && form.body.contains(#"id="apiKey""#) && browser.csrf != nil)
            #expect(form.header("content-security-policy")?.contains("default-src 'self'") == true)
            let wrong = try await browser.post("/sign-in", [("apiKey", "pk_wrong")])
            #expect(wrong.status == 401 && wrong.body.contains("unknown or revoked"))
            try await browser.get("/sign-in")
            let noToken = try await browser.post("/sign-in", [("apiKey", api.adminKey)], withToken: false)
            #expect(noToken.status == 403, "the sign-in form needs its own token too")

            let signedIn = try await browser.signIn(api.adminKey)
            #expect(signedIn.status == 303 && signedIn.header("location") == "/")
            let cookie = try #require(signedIn.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("prospector_session=") }?.1)
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"), "\(cookie)")
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == 200 && page.header("content-type")?.hasPrefix("text/html") == true, "\(path): \(page.status)")
                #expect(page.header("cache-control") == "no-store" && page.header("x-frame-options") == "DENY", "\(path)")
                #expect(!page.body.contains("#("), "\(path) left a template tag unrendered")
            }
            let overview = try await browser.get("/")
            let mode = try #require(api.app.apollo?.mode.rawValue)
            #expect(
                overview.body.contains(#"<strong id="apollo-mode">\#(mode)</strong>"#)
                    && overview.body.contains(#"<strong id="apollo-plan">basic</strong>"#))
            for asset in ["/assets/dashboard.css", "/assets/dashboard.js"] {
                #expect(try await browser.get(asset).status == 200, "\(asset)")
            }

            let out = try await browser.post("/sign-out")
            #expect(out.status == 303 && out.header("location") == "/sign-in")
            #expect(try await browser.get("/").status == 303, "signed out")

            var secure = DashboardBrowser(baseURL: api.baseURL)
            let proxied = try await secure.signIn(api.adminKey, headers: ["x-forwarded-proto": "https"])
            #expect(
                proxied.headers.contains { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("prospector_session=") && $0.1.contains("Secure") })
        }
    }

    @Test func formsWithoutTheSessionsToken_andKeysWithoutTheScope_areRefused() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            var admin = DashboardBrowser(baseURL: api.baseURL)
            try await admin.signIn(api.adminKey)
            try await admin.get("/keys")
            let keysBefore = try await APIKey.query(on: api.app.db).count()
            let forged = try await admin.post("/keys", [("name", "forged"), ("scopes[]", "admin")], withToken: false)
            #expect(forged.status == 403 && forged.body.contains("CSRF"))
            let wrongToken = try await admin.post("/keys", [("name", "forged"), ("scopes[]", "admin"), ("_csrf", "nope")], withToken: false)
            #expect(wrongToken.status == 403)
            #expect(try await APIKey.query(on: api.app.db).count() == keysBefore, "a forged post changes nothing")

            let readKey = try await api.key(["read"])
            var reader = DashboardBrowser(baseURL: api.baseURL)
            try await reader.signIn(readKey)
            let sync = try await reader.get("/sync")
            #expect(sync.status == 200 && !sync.body.contains("/run\""), "a read key is offered no run")
            #expect(try await reader.post("/sync/contacts/run").status == 403)
            #expect(try await reader.get("/keys").status == 403)
            #expect(try await reader.get("/webhooks").status == 403)

            let writeKey = try await api.key(["read", "write"])
            var writer = DashboardBrowser(baseURL: api.baseURL)
            try await writer.signIn(writeKey)
            try await writer.get("/sync")
            let run = try await writer.post("/sync/contacts/run")
            #expect(run.status == 303 && run.header("location") == "/sync?done=sync-requested")
            #expect(try await writer.get("/sync?done=sync-requested").body.contains("A sync run was queued."))
            let jobs = try await api.send("GET", "/api/jobs?queue=sync", key: api.adminKey).json["jobs"] as? [[String: Any]]
            #expect(jobs?.count == 1)

            try await admin.get("/keys")
            let readID = try #require(try await APIKey.query(on: api.app.db).filter(\.$name == "test [\"read\"]").first()?.id)
            let revoked = try await admin.post("/keys/\(readID)/revoke")
            #expect(revoked.status == 303 && revoked.header("location") == "/keys?done=revoked")
            #expect(try await reader.get("/").status == 303, "the revoked key's session ended")
        }
    }

    @Test func aNewKeysSecret_isShownOnce_andWorks() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            var admin = DashboardBrowser(baseURL: api.baseURL)
            try await admin.signIn(api.adminKey)
            try await admin.get("/keys")
            let created = try await admin.post("/keys", [("name", "crm export"), ("scopes[]", "read"), ("scopes[]", "write")])
            #expect(created.status == 201)
            let range = try #require(created.body.range(of: #"<code id="new-key">pk_[^<]+</code>"#, options: .regularExpression))
            let secret = String(created.body[range].dropFirst(#"<code id="new-key">"#.count).dropLast("</code>".count))
            #expect(try await api.send("GET", "/api/credits", key: secret).status == 200)
            #expect(!(try await admin.get("/keys").body.contains(secret)), "shown once")
            let refused = try await admin.post("/keys", [("name", "no scopes")])
            #expect(refused.status == 400 && refused.body.contains("scopes"))
        }
    }

    @Test func pagesEscapeWhatTheyShow() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            let contact = Contact()
            contact.email = "mallory@example.com"
            contact.name = #"<script>alert("x")</script>"#
            contact.departments = []
            contact.phoneNumbers = []
            try await contact.create(on: api.app.db)
            var browser = DashboardBrowser(baseURL: api.baseURL)
            try await browser.signIn(api.adminKey)
            for path in ["/contacts?q=mallory", "/contacts/\(try contact.requireID())", "/contacts?q=%3Cscript"] {
                let page = try await browser.get(path)
                #expect(page.status == 200 && !page.body.contains("<script>alert") && page.body.contains("&lt;script&gt;"), "\(path)")
            }
            #expect(try await browser.get("/contacts/not-a-uuid").status == 400)
            #expect(try await browser.get("/jobs/999999").status == 404)
        }
    }

    @Test func movingADeal_changesItInApollo_andOnTheBoard() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            _ = try await SyncService(client: try #require(api.app.apollo).client, database: api.app.db).run(.deals)
            var browser = DashboardBrowser(baseURL: api.baseURL)
            try await browser.signIn(api.adminKey)
            let board = try await browser.get("/pipeline")
            let dealRange = try #require(board.body.range(of: #"data-deal="[0-9a-f]{24}""#, options: .regularExpression))
            let dealID = String(board.body[dealRange].dropFirst(#"data-deal=""#.count).dropLast())
            let data = await api.simulator.engine.snapshot()
            let before = try #require(data.opportunities.first { $0.id == dealID }?.stageID)
            let target = try #require(data.opportunityStages.first { $0.id != before }?.id)

            let moved = try await browser.post("/pipeline/deals/\(dealID)/stage", [("stageId", target)])
            #expect(moved.status == 303 && moved.header("location") == "/pipeline?done=moved")
            #expect(await api.simulator.engine.snapshot().opportunities.first { $0.id == dealID }?.stageID == target)
            let after = try await browser.get("/pipeline?done=moved")
            #expect(after.body.contains("The deal was moved in Apollo."))
            let column = try #require(after.body.range(of: #"data-stage="\#(target)""#))
            let rest = after.body[column.upperBound...]
            let ownColumn = rest[..<(rest.range(of: "data-stage=")?.lowerBound ?? rest.endIndex)]
            #expect(ownColumn.contains(#"data-deal="\#(dealID)""#), "the board shows the deal in its new stage")
            let missing = try await browser.post("/pipeline/deals/\(dealID)/stage", [])
            #expect(missing.status == 400 && missing.body.contains("stageId"))
        }
    }
}
