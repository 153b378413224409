import Foundation

/// The JSON coders that translate between Apollo's snake_case wire format and the client's models.
public enum ApolloCoding {
    /// A decoder that ignores unknown keys, converts snake_case and accepts every date flavour of CONTRACT §3.2.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ApolloDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unrecognised date \(text)")
            }
            return date
        }
        return decoder
    }

    /// An encoder that writes snake_case keys, leaves nil fields out and writes dates as ISO-8601.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ApolloDate.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// Helpers for Apollo's placeholder email (CONTRACT §7.9).
public enum EmailAddress {
    /// The literal Apollo returns for people whose email the team has not unlocked.
    public static let notUnlockedPlaceholder = "email_not_unlocked@domain.com"

    /// The email, or nil when it is missing, blank or Apollo's placeholder.
    public static func unlocked(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty, raw.lowercased() != notUnlockedPlaceholder else { return nil }
        return raw
    }
}
