import Vapor

/// The framework's own ceiling for the HTTP load benchmark (scripts/bench/http.sh): Vapor with one JSON route and
/// nothing else (no middleware, no database), run as `bare-vapor serve --port N`.
struct Hello: Content {
    var hello: String
}

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
app.middleware = Middlewares()
app.get("hello") { _ in Hello(hello: "world") }
do {
    try await app.execute()
} catch {
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
