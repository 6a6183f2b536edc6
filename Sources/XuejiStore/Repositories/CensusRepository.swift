import XuejiCore

/// The registry's head counts as of a date (school × grade × sex, from the memberships), the pupils
/// behind one count, and the signed-off snapshots.
public struct CensusRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public struct Count: Sendable, Hashable {
        public let school: String
        public let grade: Int
        public let sex: String

        public init(school: String, grade: Int, sex: String) {
            self.school = school
            self.grade = grade
            self.sex = sex
        }
    }

    public func counts(schoolsIn scope: ScopeFilter, on date: CivilDate) throws -> [Count: Int] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        let day = SQLValue.text(date.description)
        var out: [Count: Int] = [:]
        for r in try connection.query("""
            SELECT s.code, m.grade, p.sex, COUNT(*) FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id
            WHERE \(condition) AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?) GROUP BY s.code, m.grade, p.sex
            """, parameters + [day, day]) {
            out[Count(school: r[0].string ?? "", grade: Int(r[1].int64 ?? 0), sex: r[2].string ?? "")] = Int(r[3].int64 ?? 0)
        }
        return out
    }

    /// The pupils behind one registry count (numbers and names; the caller masks nothing else).
    public func pupils(school: String, grade: Int, sex: String, on date: CivilDate, scope: ScopeFilter) throws -> [(number: String, name: String)] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        let day = SQLValue.text(date.description)
        return try connection.query("""
            SELECT p.number, p.name FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id
            WHERE \(condition) AND s.code = ? AND m.grade = ? AND p.sex = ? AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?)
            ORDER BY p.number
            """, parameters + [.text(school), .integer(Int64(grade)), .text(sex), day, day]).map { ($0[0].string ?? "", $0[1].string ?? "") }
    }

    public func knownSchools(_ codes: [String]) throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        var out: Set<String> = []
        for chunk in stride(from: 0, to: codes.count, by: 500) {
            let part = Array(codes[chunk..<min(chunk + 500, codes.count)])
            let marks = part.map { _ in "?" }.joined(separator: ", ")
            for r in try connection.query("SELECT code FROM schools WHERE code IN (\(marks))", part.map { .text($0) }) { if let c = r[0].string { out.insert(c) } }
        }
        return out
    }

    /// Freezes the county's counts as of the date; nil when it was signed off already.
    public func signOff(county: String, on date: CivilDate, counts: [Count: Int], by user: Int64, now: Int64) throws -> Int64? {
        guard try connection.queryOne("SELECT 1 FROM census_snapshots WHERE county = ? AND as_of = ?", .text(county), .text(date.description)) == nil else { return nil }
        guard let id = try connection.queryOne("""
            INSERT INTO census_snapshots (county, as_of, signed_by, signed_at) VALUES (?, ?, ?, ?) RETURNING id
            """, .text(county), .text(date.description), .integer(user), .integer(now))?[0].int64 else { return nil }
        for (key, pupils) in counts {
            try connection.execute("INSERT INTO census_counts (snapshot_id, school, grade, sex, pupils) VALUES (?, ?, ?, ?, ?)",
                                   [.integer(id), .text(key.school), .integer(Int64(key.grade)), .text(key.sex), .integer(Int64(pupils))])
        }
        // The same rows as the counts, pupil by pupil, for the funding of the term (migration 17).
        let (condition, parameters) = AttendanceRepository.schoolScope(.division(prefix: county))
        let day = SQLValue.text(date.description)
        try connection.execute("""
            INSERT INTO census_pupils (snapshot_id, pupil_id, school, grade, boarder, special)
            SELECT ?, m.pupil_id, s.code, m.grade, CASE WHEN p.study_mode = '2' THEN 1 ELSE 0 END,
                   CASE WHEN p.disability IS NOT NULL OR s.type = 'special' THEN 1 ELSE 0 END
            FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id
            WHERE \(condition) AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?)
            """, [.integer(id)] + parameters + [day, day])
        return id
    }

    /// A pupil as a signed-off snapshot froze them, with the snapshot's county.
    public struct FrozenPupil: Sendable {
        public let pupil: Int64
        public let school: String
        public let county: String
        public let grade: Int
        public let boarder: Bool
        public let special: Bool
    }

    /// The frozen pupils of every snapshot signed off for the date whose schools lie in the scope.
    public func frozenPupils(schoolsIn scope: ScopeFilter, on date: CivilDate) throws -> [FrozenPupil] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        return try connection.query("""
            SELECT c.pupil_id, c.school, cs.county, c.grade, c.boarder, c.special
            FROM census_snapshots cs JOIN census_pupils c ON c.snapshot_id = cs.id JOIN schools s ON s.code = c.school
            WHERE cs.as_of = ? AND \(condition)
            """, [.text(date.description)] + parameters).map { r in
            FrozenPupil(pupil: r[0].int64 ?? 0, school: r[1].string ?? "", county: r[2].string ?? "", grade: Int(r[3].int64 ?? 0),
                        boarder: r[4].int64 == 1, special: r[5].int64 == 1)
        }
    }

    /// A correction recorded after the sign-off, beside the frozen counts (never into them).
    public struct Correction: Sendable {
        public let count: Count
        public let delta: Int
        public let reason: String
        public let writtenBy: String
        public let writtenAt: Int64
    }

    public func addCorrection(snapshot: Int64, _ count: Count, delta: Int, reason: String, by user: Int64, now: Int64) throws {
        try connection.execute("""
            INSERT INTO census_corrections (snapshot_id, school, grade, sex, delta, reason, written_by, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(snapshot), .text(count.school), .integer(Int64(count.grade)), .text(count.sex), .integer(Int64(delta)), .text(reason),
                  .integer(user), .integer(now)])
    }

    public func corrections(snapshot: Int64) throws -> [Correction] {
        try connection.query("""
            SELECT c.school, c.grade, c.sex, c.delta, c.reason, u.username, c.written_at FROM census_corrections c JOIN users u ON u.id = c.written_by
            WHERE c.snapshot_id = ? ORDER BY c.id
            """, .integer(snapshot)).map { r in
            Correction(count: Count(school: r[0].string ?? "", grade: Int(r[1].int64 ?? 0), sex: r[2].string ?? ""), delta: Int(r[3].int64 ?? 0),
                       reason: r[4].string ?? "", writtenBy: r[5].string ?? "", writtenAt: r[6].int64 ?? 0)
        }
    }

    /// The counties with a snapshot signed off for the date.
    public func signedCounties(on date: CivilDate) throws -> Set<String> {
        Set(try connection.query("SELECT county FROM census_snapshots WHERE as_of = ?", .text(date.description)).compactMap { $0[0].string })
    }

    public func snapshot(county: String, on date: CivilDate) throws -> (id: Int64, counts: [Count: Int])? {
        guard let id = try connection.queryOne("SELECT id FROM census_snapshots WHERE county = ? AND as_of = ?", .text(county), .text(date.description))?[0].int64 else { return nil }
        var counts: [Count: Int] = [:]
        for r in try connection.query("SELECT school, grade, sex, pupils FROM census_counts WHERE snapshot_id = ?", .integer(id)) {
            counts[Count(school: r[0].string ?? "", grade: Int(r[1].int64 ?? 0), sex: r[2].string ?? "")] = Int(r[3].int64 ?? 0)
        }
        return (id, counts)
    }
}
