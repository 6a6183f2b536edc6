import XuejiCore

/// Problem records (问题学籍, DOMAIN.md §4): open ones block changes until the school resolves them.
public struct ProblemRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    /// For a pupil without a resident ID, opens a `duplicate_candidate` problem for every other pupil
    /// with the same name, sex and birth date, for a person to review.
    /// `earlierOnly`: only pupils registered before this one (ids below it), so pupils written
    /// together in bulk open one problem per pair, as when they are registered one by one.
    public func openCandidates(for id: Int64, record: PupilRecord, province: String, now: Int64, earlierOnly: Bool = false) throws {
        for other in try PupilRepository(connection).sameNameSexBirth(record, except: id) where !earlierOnly || other < id {
            try open(kind: "duplicate_candidate", pupil: id, other: other, province: province,
                     detail: "same name, sex and birth date as another record", now: now)
        }
    }

    public func open(kind: String, pupil: Int64, other: Int64?, province: String, detail: String, now: Int64) throws {
        // A random public id: a counter would need a lock, and the unique index catches the
        // one-in-2^48 collision as an error the caller retries.
        let next = String(UInt64.random(in: 0..<(1 << 48)), radix: 36)
        try connection.execute("""
            INSERT INTO problems (public_id, pupil_id, province, kind, detail, other_pupil_id, state, opened_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)
            """, [.text("P\(province)-\(next)"), .integer(pupil), .text(province), .text(kind), .text(detail), SQLValue(other), .integer(now)])
    }

    public func openCount(pupil: Int64) throws -> Int {
        try connection.queryOne("SELECT COUNT(*) AS n FROM problems WHERE pupil_id = ? AND state = 'open'", .integer(pupil))?.int("n") ?? 0
    }
}
