import Synchronization

/// A table shared by concurrent callers that forgets everything once it holds `capacity` entries: for memos of hot
/// values, where a forgotten entry only costs the work it saved, and a bound matters more than which entries stay.
final class BoundedMemoTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(key: Key) -> Value? {
        entries.withLock { $0[key] }
    }

    func remember(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
