import Foundation

/// `command --name value --flag …`
struct ProbeArguments: Sendable {
    let command: String
    private let values: [String: String]
    private let flags: Set<String>

    init(_ raw: [String]) {
        command = raw.count > 1 ? raw[1] : ""
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var index = 2
        while index < raw.count {
            let name = String(raw[index].drop { $0 == "-" })
            if index + 1 < raw.count, !raw[index + 1].hasPrefix("--") {
                values[name] = raw[index + 1]
                index += 2
            } else {
                flags.insert(name)
                index += 1
            }
        }
        self.values = values
        self.flags = flags
    }

    func value(_ name: String) -> String? { values[name] }
    func int(_ name: String) -> Int? { values[name].flatMap { Int($0) } }
    func double(_ name: String) -> Double? { values[name].flatMap { Double($0) } }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Writes a line to stdout at once (stdout is a pipe in tests, where `print` would buffer).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
