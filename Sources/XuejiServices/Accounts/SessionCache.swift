import Foundation
import XuejiCore

/// Recently confirmed sessions, kept for a few seconds so that a burst of requests from one login
/// costs one database lookup instead of one each (every API call authenticates).
///
/// Logging out removes the entry at once; an account disabled elsewhere (another process) keeps
/// working for at most `ttl`. The raw token is the key: it never leaves this process's memory.
final class SessionCache: @unchecked Sendable {
    // @unchecked: `entries` is guarded by `lock`.
    private let lock = NSLock()
    private var entries: [String: (identity: SessionIdentity, until: Int64)] = [:]
    private let ttl: Int64
    private let capacity = 50_000

    init(ttlMilliseconds: Int64) { ttl = ttlMilliseconds }

    func get(_ token: String, now: Int64) -> SessionIdentity? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[token] else { return nil }
        if entry.until < now { entries[token] = nil; return nil }
        return entry.identity
    }

    func put(_ token: String, _ identity: SessionIdentity, now: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[token] = (identity, now + ttl)
    }

    /// Drops every entry (an account was disabled: its sessions must stop now, not in five seconds).
    func removeAll() {
        lock.lock()
        entries.removeAll()
        lock.unlock()
    }

    func remove(_ token: String) {
        lock.lock()
        entries[token] = nil
        lock.unlock()
    }
}
