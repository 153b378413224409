/// How the interactive reserve is lent to background calls while no API caller needs it.
///
/// The reserve (``GovernorPolicy/interactiveShare`` of every window) exists so that an API request finds room at
/// once. Kept empty through a long bulk run with no API traffic, it is a fifth of the plan never used. The rule: a
/// background call may take the reserve, down to a small floor, only
/// - while no interactive call has been seen in the group for `quietSeconds` (an API caller about stops the lending
///   at once, in every process: the time is shared with the windows), and
/// - late in a window: when at most `lateShare` of the window's length is left. What is lent then is back at the
///   window's reset, soon; lending early would spend a reserve an API caller may still need for most of the window.
/// The floor stays free even then, for the first API requests after a quiet spell.
public struct ReserveLending: Sendable, Equatable {
    /// The share of each window never lent (at least one call when the reserve has one).
    public var floorShare: Double
    /// How late in a window lending starts, as the share of the window left.
    public var lateShare: Double
    /// How long after an interactive call nothing is lent (Apollo's seconds).
    public var quietSeconds: Double

    public init(floorShare: Double = 0.03, lateShare: Double = 0.25, quietSeconds: Double = 30) {
        self.floorShare = floorShare
        self.lateShare = lateShare
        self.quietSeconds = quietSeconds
    }
}

/// What a caller may take from one window.
public struct WindowCap: Sendable, Equatable, ExpressibleByIntegerLiteral {
    /// Calls the caller may always count up to.
    public var cap: Int
    /// A higher cap the caller may use while the reserve is lent (nil: never lent to it).
    public var lent: Lent?

    /// The higher cap of a lent reserve and when it applies.
    public struct Lent: Sendable, Equatable {
        public var cap: Int
        /// Lending starts once this many seconds of the window have passed.
        public var afterSeconds: Double
        /// Not within this many seconds after an interactive call.
        public var quietSeconds: Double

        public init(cap: Int, afterSeconds: Double, quietSeconds: Double) {
            self.cap = cap
            self.afterSeconds = afterSeconds
            self.quietSeconds = quietSeconds
        }
    }

    public init(cap: Int, lent: Lent? = nil) {
        self.cap = cap
        self.lent = lent
    }

    public init(integerLiteral value: Int) { self.init(cap: value) }

    /// When lending will give a window with `used` calls more room (nil: it will not, in this window).
    func lendingStarts(openedAt: Double?, lastInteractive: Double?, used: Int) -> Double? {
        guard let lent, used < lent.cap else { return nil }
        return lendingStart(openedAt: openedAt, lastInteractive: lastInteractive)
    }

    /// The cap in force for a window opened at `openedAt`, with the last interactive call at `lastInteractive`.
    func effective(openedAt: Double?, lastInteractive: Double?, now: Double) -> (cap: Int, lent: Bool) {
        guard let lent, let start = lendingStart(openedAt: openedAt, lastInteractive: lastInteractive), now >= start else { return (cap, false) }
        return (lent.cap, true)
    }

    /// Late enough in the window and quiet enough since the last interactive call; nil for a window not open or a cap
    /// never lent.
    private func lendingStart(openedAt: Double?, lastInteractive: Double?) -> Double? {
        guard let lent, let openedAt else { return nil }
        return max(openedAt + lent.afterSeconds, (lastInteractive ?? -.infinity) + lent.quietSeconds)
    }
}
