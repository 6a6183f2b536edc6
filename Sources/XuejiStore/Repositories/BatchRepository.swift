import XuejiCore

/// A batch as stored (migration 9).
public struct StoredBatch: Sendable {
    public let id: Int64
    public let publicID: String
    public let kind: String
    public let schoolYear: Int?
    public let scope: String
    public let state: String
    public let summary: String
    public let createdAt: Int64
}

/// What a batch did to one pupil, to undo it.
public struct BatchPupil: Sendable {
    public let pupilID: Int64
    public let number: String
    public let beforeGrade: Int?
    public let beforeClass: Int64?
    public let beforeStatus: String?
    public let afterVersion: Int
    public let currentVersion: Int
}

public struct BatchRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(publicID: String, kind: String, schoolYear: Int?, scope: String, by user: Int64, now: Int64) throws -> Int64 {
        guard let id = try connection.queryOne("""
            INSERT INTO batches (public_id, kind, school_year, scope, state, summary, created_by, created_at)
            VALUES (?, ?, ?, ?, 'done', '{}', ?, ?) RETURNING id
            """, [.text(publicID), .text(kind), SQLValue(schoolYear.map { Int64($0) }), .text(scope), user == 0 ? .null : .integer(user),
                  .integer(now)])?[0].int64 else {
            throw DatabaseError(.other, "INSERT … RETURNING gave no row")
        }
        return id
    }

    public func setSummary(_ batch: Int64, _ summary: String) throws {
        try connection.execute("UPDATE batches SET summary = ? WHERE id = ?", .text(summary), .integer(batch))
    }

    public func add(batch: Int64, pupil: Int64, beforeGrade: Int?, beforeClass: Int64?, beforeStatus: String?, afterVersion: Int) throws {
        try connection.execute("""
            INSERT INTO batch_pupils (batch_id, pupil_id, before_grade, before_class, before_status, after_version) VALUES (?, ?, ?, ?, ?, ?)
            """, [.integer(batch), .integer(pupil), SQLValue(beforeGrade.map { Int64($0) }), SQLValue(beforeClass), SQLValue(beforeStatus),
                  .integer(Int64(afterVersion))])
    }

    public func get(_ publicID: String) throws -> StoredBatch? {
        try connection.queryOne("SELECT id, public_id, kind, school_year, scope, state, summary, created_at FROM batches WHERE public_id = ?",
                                .text(publicID)).map(Self.batch)
    }

    /// A batch of this kind, year and scope that has not been reverted (promotion runs once a year).
    public func done(kind: String, schoolYear: Int, scope: String) throws -> StoredBatch? {
        try connection.queryOne("""
            SELECT id, public_id, kind, school_year, scope, state, summary, created_at FROM batches
            WHERE kind = ? AND school_year = ? AND scope = ? AND state = 'done'
            """, .text(kind), .integer(Int64(schoolYear)), .text(scope)).map(Self.batch)
    }

    public func pupils(of batch: Int64) throws -> [BatchPupil] {
        try connection.query("""
            SELECT b.pupil_id, p.number, b.before_grade, b.before_class, b.before_status, b.after_version, p.version
            FROM batch_pupils b JOIN pupils p ON p.id = b.pupil_id WHERE b.batch_id = ? ORDER BY b.pupil_id
            """, .integer(batch)).map { r in
            BatchPupil(pupilID: r[0].int64 ?? 0, number: r[1].string ?? "", beforeGrade: r[2].int64.map { Int($0) }, beforeClass: r[3].int64,
                       beforeStatus: r[4].string, afterVersion: Int(r[5].int64 ?? 0), currentVersion: Int(r[6].int64 ?? 0))
        }
    }

    public func markReverted(_ batch: Int64, now: Int64) throws -> Bool {
        try connection.execute("UPDATE batches SET state = 'reverted', reverted_at = ? WHERE id = ? AND state = 'done'", .integer(now), .integer(batch)) == 1
    }

    static func batch(_ r: Row) -> StoredBatch {
        StoredBatch(id: r[0].int64 ?? 0, publicID: r[1].string ?? "", kind: r[2].string ?? "", schoolYear: r[3].int64.map { Int($0) },
                    scope: r[4].string ?? "", state: r[5].string ?? "", summary: r[6].string ?? "{}", createdAt: r[7].int64 ?? 0)
    }
}

extension PupilRepository {
    /// Removes a pupil the batch created and nothing else touched: its numbers, guardians,
    /// memberships, problem records and field edits, then the record (the audit log keeps the import).
    public func deleteImported(_ pupil: Int64) throws {
        for table in ["batch_pupils", "pupil_numbers", "guardians", "memberships", "problems", "field_edits"] {
            try connection.execute("DELETE FROM \(table) WHERE pupil_id = ?", .integer(pupil))
        }
        try connection.execute("DELETE FROM problems WHERE other_pupil_id = ?", .integer(pupil))
        try connection.execute("DELETE FROM pupils WHERE id = ?", .integer(pupil))
    }

    /// Whether a number is taken (current or old), inside the caller's transaction.
    public func numberTaken(_ number: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM pupil_numbers WHERE number = ?", .text(number)) != nil
    }
}
