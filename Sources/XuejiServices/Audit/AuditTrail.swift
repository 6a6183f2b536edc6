import XuejiCore
import XuejiStore

/// Writes and checks the hash-chained audit log (ARCHITECTURE.md "Audit log"): every write, every
/// export and every unmasking. Each row's hash is BLAKE2b of the previous hash and the row's
/// canonical text, so altering or deleting a row breaks every hash after it.
public struct AuditTrail: Sendable {
    public init() {}

    /// Appends one event inside the caller's write transaction.
    public func record(_ connection: Connection, actor: Actor, action: String, subject: String,
                       before: String? = nil, after: String? = nil, now: Int64) throws {
        let repository = AuditRepository(connection)
        let head = try repository.head()
        let seq = head.seq + 1
        let actorText = "\(actor.username)/\(actor.role.rawValue)/\(actor.scope)"
        let hash = Self.hash(previous: head.hash, seq: seq, at: now, actor: actorText, action: action, subject: subject, before: before, after: after)
        try repository.append(.init(seq: seq, at: now, actor: actorText, action: action, subject: subject, before: before, after: after,
                                    prevHash: head.hash, hash: hash))
    }

    /// Fields joined by U+001F, which no stored field contains (inputs with control characters are
    /// refused, and before/after are JSON, which escapes them).
    static func hash(previous: String, seq: Int64, at: Int64, actor: String, action: String, subject: String, before: String?, after: String?) -> String {
        let canonical = [previous, String(seq), String(at), actor, action, subject, before ?? "\u{0}", after ?? "\u{0}"].joined(separator: "\u{1F}")
        return Crypto.blake2b(canonical)
    }

    public struct Verification: Sendable {
        public let checked: Int
        /// The hash of the last intact entry: keep it outside the server to notice entries cut from the end.
        public var lastHash: String = ""
        /// The first row that does not fit the chain, and why; nil when the chain is whole.
        public let firstBroken: (seq: Int64, reason: String)?
    }

    /// Recomputes the whole chain. Catches an edited row, a deleted or inserted row (sequence gap
    /// or broken link); it cannot see rows cut from the very end, which an external copy of the
    /// last hash would (docs/security.md).
    public func verify(_ database: any Database) throws -> Verification {
        var previous = "", expectedSeq: Int64 = 1, checked = 0
        while true {
            let batch = try database.read { try AuditRepository($0).entries(after: expectedSeq - 1, limit: 5_000) }
            if batch.isEmpty { break }
            for e in batch {
                if e.seq != expectedSeq { return Verification(checked: checked, firstBroken: (e.seq, "sequence jumps from \(expectedSeq - 1) to \(e.seq)")) }
                if e.prevHash != previous { return Verification(checked: checked, firstBroken: (e.seq, "link to the previous row is broken")) }
                let recomputed = Self.hash(previous: previous, seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, before: e.before, after: e.after)
                if recomputed != e.hash { return Verification(checked: checked, firstBroken: (e.seq, "row content does not match its hash")) }
                previous = e.hash
                expectedSeq += 1
                checked += 1
            }
        }
        var result = Verification(checked: checked, firstBroken: nil)
        result.lastHash = previous
        return result
    }
}
