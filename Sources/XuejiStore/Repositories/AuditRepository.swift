/// The append-only audit log. Hashing is the caller's (libsodium lives in XuejiServices); this type
/// only reads the head of the chain and appends rows. Callers append inside their write transaction.
public struct AuditRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public struct Entry: Sendable {
        public let seq: Int64
        public let at: Int64
        public let actor: String
        public let action: String
        public let subject: String
        public let before: String?
        public let after: String?
        public let prevHash: String
        public let hash: String

        public init(seq: Int64, at: Int64, actor: String, action: String, subject: String, before: String?, after: String?, prevHash: String, hash: String) {
            self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.subject = subject
            self.before = before; self.after = after; self.prevHash = prevHash; self.hash = hash
        }
    }

    /// The last sequence number and hash. On PostgreSQL an advisory lock held until commit keeps two
    /// writers from appending the same sequence number; SQLite's single writer already does.
    public func head() throws -> (seq: Int64, hash: String) {
        if connection.dialect == .postgres { try connection.executeScript("SELECT pg_advisory_xact_lock(4735711)") }
        guard let row = try connection.queryOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", []) else { return (0, "") }
        return (row.int64("seq") ?? 0, row.string("hash") ?? "")
    }

    public func append(_ e: Entry) throws {
        try connection.execute("INSERT INTO audit_log (seq, at, actor, action, subject, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [.integer(e.seq), .integer(e.at), .text(e.actor), .text(e.action), .text(e.subject), SQLValue(e.before),
                                SQLValue(e.after), .text(e.prevHash), .text(e.hash)])
    }

    /// Rows in order after `seq`, at most `limit`.
    public func entries(after seq: Int64, limit: Int) throws -> [Entry] {
        try connection.query("SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                             .integer(seq), .integer(Int64(limit))).map { r in
            Entry(seq: r.int64("seq") ?? 0, at: r.int64("at") ?? 0, actor: r.string("actor") ?? "", action: r.string("action") ?? "",
                  subject: r.string("subject") ?? "", before: r.string("before"), after: r.string("after"),
                  prevHash: r.string("prev_hash") ?? "", hash: r.string("hash") ?? "")
        }
    }
}
