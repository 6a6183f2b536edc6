import Synchronization
import XuejiStore

/// Answers computed from the database, kept only while the database's change stamp stays exactly the
/// one read before they were computed. Any commit anywhere (this server, another process, a
/// promotion, a rename, a hand-typed `UPDATE`) changes the stamp and empties the cache, so a kept
/// answer is never older than the database; the price is that a busy database reuses little, which
/// costs nothing but the lookup it would have done anyway.
final class StampedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State: Sendable {
        var stamp: ChangeStamp?
        var entries: [Key: Value] = [:]
    }
    private let state = Mutex(State())
    /// Past it the cache starts again empty: memory stays bounded without bookkeeping per entry.
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The answer kept for `key`, if the database is still at `stamp` (read just now).
    func value(for key: Key, at stamp: ChangeStamp) -> Value? {
        state.withLock { state in
            if state.stamp != stamp {
                state.stamp = stamp
                state.entries.removeAll(keepingCapacity: true)
            }
            return state.entries[key]
        }
    }

    /// Keeps an answer computed from a snapshot taken after `stamp` was read. If the cache has moved
    /// to another stamp since, something committed meanwhile and the answer may already be stale, so
    /// it is dropped.
    func store(_ value: Value, for key: Key, readAt stamp: ChangeStamp) {
        state.withLock { state in
            guard state.stamp == stamp else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = value
        }
    }
}
