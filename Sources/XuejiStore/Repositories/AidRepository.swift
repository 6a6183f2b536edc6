import XuejiCore

public struct AidApplication: Sendable {
    public let id: Int64
    public let publicID: String
    public let pupilID: Int64
    public let pupilNumber: String
    public let pupilName: String
    public let programme: String
    public let schoolYear: Int
    public let term: Int
    public let hardship: String
    public let tier: Int
    public let amountFen: Int64
    public let state: String
    public let school: String
    public let idNumber: String?
}

/// Stores aid applications and reads what a disbursement needs.
public struct AidRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(publicID: String, pupil: Int64, province: String, programme: String, schoolYear: Int, term: Int, hardship: String,
                       tier: Int, fen: Int64, school: Int64, by user: Int64, now: Int64) throws {
        try connection.execute("""
            INSERT INTO aid_applications (public_id, pupil_id, province, programme, school_year, term, hardship, tier, amount_fen, state,
                school_id, applied_by, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
            """, [.text(publicID), .integer(pupil), .text(province), .text(programme), .integer(Int64(schoolYear)), .integer(Int64(term)),
                  .text(hardship), .integer(Int64(tier)), .integer(fen), .integer(school), .integer(user), .integer(now)])
    }

    static let columns = """
        a.id, a.public_id, a.pupil_id, p.number, p.name, a.programme, a.school_year, a.term, a.hardship, a.tier, a.amount_fen, a.state, s.code, p.id_number
        """

    /// Applications of pupils inside the scope (as the pupils are now), newest first.
    public func list(scope: ScopeFilter, state: String?, limit: Int) throws -> [AidApplication] {
        let (condition, parameters) = scope.condition
        return try connection.query("""
            SELECT \(Self.columns) FROM aid_applications a JOIN pupils p ON p.id = a.pupil_id JOIN schools s ON s.id = p.school_id
            WHERE \(condition)\(state == nil ? "" : " AND a.state = ?") ORDER BY a.id DESC LIMIT ?
            """, parameters + (state.map { [.text($0)] } ?? []) + [.integer(Int64(limit))]).map(Self.application)
    }

    public func get(_ publicID: String, scope: ScopeFilter) throws -> AidApplication? {
        let (condition, parameters) = scope.condition
        return try connection.queryOne("""
            SELECT \(Self.columns) FROM aid_applications a JOIN pupils p ON p.id = a.pupil_id JOIN schools s ON s.id = p.school_id
            WHERE a.public_id = ? AND \(condition)
            """, [.text(publicID)] + parameters).map(Self.application)
    }

    /// Decides a pending application; false when it was decided meanwhile.
    public func decide(_ id: Int64, approve: Bool, reason: String?, by user: Int64, now: Int64) throws -> Bool {
        try connection.execute("""
            UPDATE aid_applications SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND state = 'pending'
            """, [.text(approve ? "approved" : "rejected"), .integer(user), .integer(now), SQLValue(reason), .integer(id)]) == 1
    }

    /// Approved awards of a term whose pupil was at a school of the scope at some time of it, with
    /// the pupil's memberships overlapping the term (where the pupil was, month by month).
    public func awards(schoolsIn scope: ScopeFilter, schoolYear: Int, term: Int, from: CivilDate, to: CivilDate, programme: String? = nil)
        throws -> [(award: Int64, fen: Int64, stays: [(school: String, region: String, entry: CivilDate, exit: CivilDate?)])] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        var out: [Int64: (Int64, [(String, String, CivilDate, CivilDate?)])] = [:]
        let only = programme.map { _ in " AND a.programme = ?" } ?? ""
        for r in try connection.query("""
            SELECT a.id, a.amount_fen, s.code, m.entry_date, m.exit_date, s.region FROM aid_applications a
            JOIN memberships m ON m.pupil_id = a.pupil_id JOIN schools s ON s.id = m.school_id
            WHERE a.state = 'approved' AND a.school_year = ? AND a.term = ? AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?)
              AND a.pupil_id IN (SELECT m2.pupil_id FROM memberships m2 JOIN schools s ON s.id = m2.school_id WHERE \(condition))\(only)
            """, [.integer(Int64(schoolYear)), .integer(Int64(term)), .text(to.description), .text(from.description)] + parameters + (programme.map { [.text($0)] } ?? [])) {
            guard let id = r[0].int64, let entry = r[3].string.flatMap(CivilDate.init) else { continue }
            out[id, default: (r[1].int64 ?? 0, [])].1.append((r[2].string ?? "", r[5].string ?? "", entry, r[4].string.flatMap(CivilDate.init)))
        }
        return out.map { ($0.key, $0.value.0, $0.value.1.map { (school: $0.0, region: $0.1, entry: $0.2, exit: $0.3) }) }
    }

    static func application(_ r: Row) -> AidApplication {
        AidApplication(id: r[0].int64 ?? 0, publicID: r[1].string ?? "", pupilID: r[2].int64 ?? 0, pupilNumber: r[3].string ?? "",
                       pupilName: r[4].string ?? "", programme: r[5].string ?? "", schoolYear: Int(r[6].int64 ?? 0), term: Int(r[7].int64 ?? 0),
                       hardship: r[8].string ?? "", tier: Int(r[9].int64 ?? 0), amountFen: r[10].int64 ?? 0, state: r[11].string ?? "", school: r[12].string ?? "",
                       idNumber: r[13].string)
    }
}
