import ProspectorApp

@main
enum Entrypoint {
    static func main() async throws {
        try await ProspectorMain.run()
    }
}
