import Synchronization

/// A value set once by whichever of several tasks gets there first, awaited by one reader.
public final class OneShot<Value: Sendable>: Sendable {
    public init() {}

    private let state = Mutex<(value: Value?, set: Bool, waiter: CheckedContinuation<Value, Never>?)>((nil, false, nil))

    /// Sets the value unless one was set already; returns whether this call set it.
    @discardableResult
    public func fulfil(_ value: Value) -> Bool {
        let (accepted, waiter): (Bool, CheckedContinuation<Value, Never>?) = state.withLock { state in
            guard !state.set else { return (false, nil) }
            state.set = true
            state.value = value
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume(returning: value)
        return accepted
    }

    public var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value?? = state.withLock { state in
                    if state.set { return .some(state.value) }
                    state.waiter = continuation
                    return .none
                }
                if case .some(let value) = ready { continuation.resume(returning: value!) }
            }
        }
    }
}
