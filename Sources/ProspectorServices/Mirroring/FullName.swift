/// A person's full name as we store it: Apollo's `name` when it gives one, else first and last name.
enum FullName {
    static func of(name: String?, first: String?, last: String?) -> String? {
        if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        let joined = [first, last].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
