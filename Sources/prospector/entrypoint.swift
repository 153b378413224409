import ProspectorApp

@main
enum Entrypoint {
    static func main() async {
        await ProspectorMain.run()
    }
}
