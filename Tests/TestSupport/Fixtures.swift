import Foundation

/// Reads recorded JSON fixtures from a test bundle.
public enum Fixtures {
    public static func data(_ name: String, in bundle: Bundle) throws -> Data {
        guard let url = bundle.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError.missing(name)
        }
        return try Data(contentsOf: url)
    }

    public enum FixtureError: Error { case missing(String) }
}
