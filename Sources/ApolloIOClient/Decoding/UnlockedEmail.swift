/// An email field that reads Apollo's `email_not_unlocked@domain.com` placeholder (and blanks) as no email.
@propertyWrapper
public struct UnlockedEmail: Sendable, Hashable, Codable {
    public var wrappedValue: String?

    public init(wrappedValue: String?) {
        self.wrappedValue = EmailAddress.unlocked(wrappedValue)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : EmailAddress.unlocked(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// Lets an absent key decode as no email instead of failing.
    public func decode(_ type: UnlockedEmail.Type, forKey key: Key) throws -> UnlockedEmail {
        try decodeIfPresent(type, forKey: key) ?? UnlockedEmail(wrappedValue: nil)
    }
}
