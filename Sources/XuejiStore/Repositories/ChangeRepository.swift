import XuejiCore

/// Stores changes, their steps and events (migration 0007). Steps are decided with a conditional
/// UPDATE (`… AND state = 'pending'`), so of two reviewers deciding the same step at once exactly
/// one changes a row: the database, not a lock in this process, makes a decision happen once.
public struct ChangeRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    // MARK: - Writing

    /// Inserts the change and its steps; the first `approvedSteps` are approved at once by the
    /// initiator (filing is the initiator's decision), and the next one opens. A second open change
    /// for the pupil surfaces as `DatabaseError.uniqueViolation` (index changes_one_open).
    public func insert(_ c: NewChange, steps: [NewStep], now: Int64) throws -> Int64 {
        guard let row = try connection.queryOne("""
            INSERT INTO changes (public_id, type, variant, pupil_id, province, state, from_school_id, from_county, from_grade, to_school_id, to_county,
                to_grade, to_class_id, details, reason, initiator_id, initiator_scope, idempotency_key, created_at, version)
            VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id
            """, [.text(c.publicID), .text(c.type.rawValue), .text(c.variant), .integer(c.pupilID), .text(c.province),
                  .integer(c.fromSchoolID), .text(c.fromCounty), .integer(Int64(c.fromGrade)), SQLValue(c.toSchoolID), SQLValue(c.toCounty),
                  SQLValue(c.toGrade.map { Int64($0) }), SQLValue(c.toClassID), .text(c.details), .text(c.reason),
                  .integer(c.initiatorID), .text(c.initiatorScope), SQLValue(c.idempotencyKey), .integer(now)]),
              let id = row[0].int64 else { throw DatabaseError(.other, "INSERT … RETURNING gave no row") }
        for (i, s) in steps.enumerated() {
            try connection.execute("""
                INSERT INTO change_steps (change_id, position, code, party_kind, party_code, state, intervened) VALUES (?, ?, ?, ?, ?, 'waiting', 0)
                """, .integer(id), .integer(Int64(i)), .text(s.code), .text(s.partyKind), .text(s.partyCode))
        }
        return id
    }

    /// Decides the pending step at `position`; false when it was no longer pending (someone else
    /// decided it first, or the change was cancelled).
    public func decide(change: Int64, position: Int, state: String, by user: Int64, comment: String?, intervened: Bool, now: Int64) throws -> Bool {
        try connection.execute("""
            UPDATE change_steps SET state = ?, decided_by = ?, decided_at = ?, comment = ?, intervened = ?
            WHERE change_id = ? AND position = ? AND state = 'pending'
            """, [.text(state), .integer(user), .integer(now), SQLValue(comment), .integer(intervened ? 1 : 0),
                  .integer(change), .integer(Int64(position))]) == 1
    }

    public func open(change: Int64, position: Int, due: CivilDate, now: Int64) throws {
        try connection.execute("UPDATE change_steps SET state = 'pending', opened_at = ?, due_date = ? WHERE change_id = ? AND position = ? AND state = 'waiting'",
                               .integer(now), .text(due.description), .integer(change), .integer(Int64(position)))
    }

    /// Marks the steps still waiting as skipped (after a rejection or cancellation).
    public func skipWaiting(change: Int64) throws {
        try connection.execute("UPDATE change_steps SET state = 'skipped' WHERE change_id = ? AND state IN ('waiting', 'pending')", .integer(change))
    }

    /// Moves a pending change to its final state; false when it was no longer pending.
    public func finish(change: Int64, state: String, snapshot: String? = nil, now: Int64) throws -> Bool {
        try connection.execute("""
            UPDATE changes SET state = ?, completed_at = ?, snapshot = ?, version = version + 1 WHERE id = ? AND state = 'pending'
            """, .text(state), .integer(now), SQLValue(snapshot), .integer(change)) == 1
    }

    public func log(change: Int64, user: Int64, action: String, from: String?, to: String?, comment: String?, now: Int64) throws {
        try connection.execute("INSERT INTO change_events (change_id, at, user_id, action, from_step, to_step, comment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [.integer(change), .integer(now), .integer(user), .text(action), SQLValue(from), SQLValue(to), SQLValue(comment)])
    }

    public func attach(change: Int64, attachment: String, step: String) throws {
        try connection.execute("INSERT INTO change_attachments (change_id, attachment_id, step_code) VALUES (?, ?, ?)",
                               .integer(change), .text(attachment), .text(step))
    }

    public func openTask(kind: String, school: Int64, pupil: Int64, change: Int64, due: CivilDate, now: Int64) throws {
        try connection.execute("INSERT INTO tasks (kind, school_id, pupil_id, change_id, due_date, state, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?)",
                               [.text(kind), .integer(school), .integer(pupil), .integer(change), .text(due.description), .integer(now)])
    }

    // MARK: - Reading

    static let select = """
        SELECT c.id, c.public_id, c.type, c.variant, c.state, c.pupil_id, c.province, fs.code, fs.name, c.from_county,
               ts.code, ts.name, c.to_county, c.to_grade, tc.name, c.details, c.reason, c.initiator_id, c.initiator_scope,
               c.snapshot, c.created_at, c.completed_at, c.version,
               p.number, p.name, p.sex, p.birth_date, ps.code, ps.name, p.grade, p.status
        FROM changes c JOIN schools fs ON fs.id = c.from_school_id LEFT JOIN schools ts ON ts.id = c.to_school_id
        LEFT JOIN classes tc ON tc.id = c.to_class_id JOIN pupils p ON p.id = c.pupil_id JOIN schools ps ON ps.id = p.school_id
        """

    /// A change by public id, whoever asks (the service decides who may see it).
    public func get(_ publicID: String) throws -> StoredChange? {
        guard let row = try connection.queryOne("\(Self.select) WHERE c.public_id = ?", .text(publicID)) else { return nil }
        return try withSteps([Self.change(row)]).first
    }

    /// The change a retried POST made: same initiator, same Idempotency-Key.
    public func find(initiator: Int64, idempotencyKey: String) throws -> StoredChange? {
        guard let row = try connection.queryOne("\(Self.select) WHERE c.initiator_id = ? AND c.idempotency_key = ?",
                                                .integer(initiator), .text(idempotencyKey)) else { return nil }
        return try withSteps([Self.change(row)]).first
    }

    /// Changes a scope may see (either party inside it), newest first, keyset-paginated on the id.
    /// `overdueOn`: only pending changes whose open step was due before that day.
    public func list(_ visibility: ScopeFilter, pupilNumber: String?, state: String?, overdueOn: CivilDate? = nil,
                     after: Int64?, limit: Int) throws -> Page<StoredChange> {
        var (sql, parameters) = Self.visible(visibility)
        sql = "\(Self.select) WHERE \(sql)"
        if let overdueOn {
            sql += " AND c.state = 'pending' AND EXISTS (SELECT 1 FROM change_steps st WHERE st.change_id = c.id AND st.state = 'pending' AND st.due_date < ?)"
            parameters.append(.text(overdueOn.description))
        }
        if let pupilNumber { sql += " AND p.number = ?"; parameters.append(.text(pupilNumber)) }
        if let state { sql += " AND c.state = ?"; parameters.append(.text(state)) }
        if let after { sql += " AND c.id < ?"; parameters.append(.integer(after)) }
        sql += " ORDER BY c.id DESC LIMIT ?"
        parameters.append(.integer(Int64(limit + 1)))
        let rows = try withSteps(try connection.query(sql, parameters).map(Self.change))
        return Page.from(rows, limit: limit, key: { String($0.id) }, map: { $0 })
    }

    /// Every change of one pupil, oldest first (the pupil's history; the caller checked access).
    public func of(pupil id: Int64) throws -> [StoredChange] {
        try withSteps(try connection.query("\(Self.select) WHERE c.pupil_id = ? ORDER BY c.id", .integer(id)).map(Self.change))
    }

    /// Pending changes whose open step belongs to one of `parties` (kind, code), oldest due first.
    public func inbox(parties: [(kind: String, code: String)], interveneBelow prefix: String?, today: CivilDate, limit: Int) throws -> [StoredChange] {
        var conditions: [String] = [], parameters: [SQLValue] = []
        for party in parties {
            conditions.append("(st.party_kind = ? AND st.party_code = ?)")
            parameters += [.text(party.kind), .text(party.code)]
        }
        if let prefix {
            // Overdue bureau steps below this bureau, which it may take over (强制干预).
            let range = PrefixRange(column: "st.party_code", prefix: prefix)
            conditions.append("(st.party_kind = 'bureau' AND st.party_code <> ? AND \(range.sql) AND st.due_date < ?)")
            parameters += [.text(String(prefix.padding(toLength: 6, withPad: "0", startingAt: 0)))] + range.parameters + [.text(today.description)]
        }
        guard !conditions.isEmpty else { return [] }
        let sql = """
            \(Self.select) JOIN change_steps st ON st.change_id = c.id AND st.state = 'pending'
            WHERE c.state = 'pending' AND (\(conditions.joined(separator: " OR "))) ORDER BY st.due_date, c.id LIMIT ?
            """
        return try withSteps(try connection.query(sql, parameters + [.integer(Int64(limit))]).map(Self.change))
    }

    public func events(of change: Int64) throws -> [ChangeEvent] {
        try connection.query("""
            SELECT e.at, u.username, e.action, e.from_step, e.to_step, e.comment FROM change_events e JOIN users u ON u.id = e.user_id
            WHERE e.change_id = ? ORDER BY e.id
            """, .integer(change)).map { r in
            ChangeEvent(at: r[0].int64 ?? 0, username: r[1].string ?? "", action: r[2].string ?? "", fromStep: r[3].string,
                        toStep: r[4].string, comment: r[5].string)
        }
    }

    public func attachments(of change: Int64) throws -> [(id: String, step: String, contentType: String, size: Int)] {
        try connection.query("""
            SELECT a.id, ca.step_code, a.content_type, a.size FROM change_attachments ca JOIN attachments a ON a.id = ca.attachment_id
            WHERE ca.change_id = ? ORDER BY a.created_at
            """, .integer(change)).map { ($0[0].string ?? "", $0[1].string ?? "", $0[2].string ?? "", Int($0[3].int64 ?? 0)) }
    }

    /// The changes an attachment belongs to (for "download only by the parties of the change").
    public func changes(withAttachment id: String) throws -> [String] {
        try connection.query("SELECT c.public_id FROM change_attachments ca JOIN changes c ON c.id = ca.change_id WHERE ca.attachment_id = ?",
                             .text(id)).compactMap { $0[0].string }
    }

    /// Whether the pupil has a pending change (在办业务).
    public func hasOpenChange(pupil: Int64) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM changes WHERE pupil_id = ? AND state = 'pending'", .integer(pupil)) != nil
    }

    /// Changes of one type (repetition or skip) from `grade` at a school, filed since `since` and not
    /// rejected or cancelled.
    public func countGradeChanges(_ type: ChangeType, school: Int64, grade: Int, since: Int64) throws -> Int {
        Int(try connection.queryOne("""
            SELECT COUNT(*) FROM changes WHERE from_school_id = ? AND from_grade = ? AND type = ?
              AND state IN ('pending', 'completed') AND created_at >= ?
            """, .integer(school), .integer(Int64(grade)), .text(type.rawValue), .integer(since))?[0].int64 ?? 0)
    }

    // MARK: - Decoding

    static func visible(_ scope: ScopeFilter) -> (String, [SQLValue]) {
        switch scope {
        case .division(let prefix):
            if prefix.isEmpty { return ("1 = 1", []) }
            let from = PrefixRange(column: "c.from_county", prefix: prefix), to = PrefixRange(column: "c.to_county", prefix: prefix)
            return ("(\(from.sql) OR \(to.sql))", from.parameters + to.parameters)
        case .school(let code):
            return ("(fs.code = ? OR ts.code = ?)", [.text(code.rawValue), .text(code.rawValue)])
        }
    }

    static func change(_ r: Row) throws -> StoredChange {
        guard let type = r[2].string.flatMap(ChangeType.init) else { throw DatabaseError(.other, "a change row does not parse") }
        return StoredChange(
            id: r[0].int64 ?? 0, publicID: r[1].string ?? "", type: type, variant: r[3].string ?? "", state: r[4].string ?? "",
            pupilID: r[5].int64 ?? 0, province: r[6].string ?? "", fromSchool: r[7].string ?? "", fromSchoolName: r[8].string ?? "",
            fromCounty: r[9].string ?? "", toSchool: r[10].string, toSchoolName: r[11].string, toCounty: r[12].string,
            toGrade: r[13].int64.map { Int($0) }, toClass: r[14].string, details: r[15].string ?? "{}", reason: r[16].string ?? "",
            initiatorID: r[17].int64 ?? 0, initiatorScope: r[18].string ?? "", snapshot: r[19].string, createdAt: r[20].int64 ?? 0,
            completedAt: r[21].int64, version: Int(r[22].int64 ?? 0),
            pupil: PupilSummary(number: r[23].string ?? "", name: r[24].string ?? "", sex: r[25].string ?? "", birthDate: r[26].string ?? "",
                                school: r[27].string ?? "", schoolName: r[28].string ?? "", grade: Int(r[29].int64 ?? 0), status: r[30].string ?? ""),
            steps: [])
    }

    private func withSteps(_ changes: [StoredChange]) throws -> [StoredChange] {
        guard !changes.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: changes.count).joined(separator: ", ")
        var byChange: [Int64: [StoredStep]] = [:]
        for r in try connection.query("""
            SELECT s.change_id, s.position, s.code, s.party_kind, s.party_code, s.state, s.opened_at, s.due_date, u.username,
                   s.decided_at, s.comment, s.intervened
            FROM change_steps s LEFT JOIN users u ON u.id = s.decided_by WHERE s.change_id IN (\(marks)) ORDER BY s.change_id, s.position
            """, changes.map { .integer($0.id) }) {
            byChange[r[0].int64 ?? 0, default: []].append(StoredStep(
                position: Int(r[1].int64 ?? 0), code: r[2].string ?? "", partyKind: r[3].string ?? "", partyCode: r[4].string ?? "",
                state: r[5].string ?? "", openedAt: r[6].int64, dueDate: r[7].string, decidedBy: r[8].string, decidedAt: r[9].int64,
                comment: r[10].string, intervened: (r[11].int64 ?? 0) != 0))
        }
        return changes.map { var c = $0; c.steps = byChange[c.id] ?? []; return c }
    }
}

extension ChangeRepository {
    static let subjectSelect = """
        SELECT p.id, p.number, p.name, p.status, p.grade, p.province, p.county, p.school_id, s.code, c.name,
               (SELECT COUNT(*) FROM problems pr WHERE pr.pupil_id = p.id AND pr.state = 'open')
        FROM pupils p JOIN schools s ON s.id = p.school_id LEFT JOIN classes c ON c.id = p.class_id
        """

    /// The pupil with this national number (current or old), anywhere in the country.
    public func subject(number: String) throws -> ChangeSubject? {
        if let row = try connection.queryOne("\(Self.subjectSelect) WHERE p.number = ?", .text(number)) { return Self.subject(row) }
        return try connection.queryOne("\(Self.subjectSelect) JOIN pupil_numbers n ON n.pupil_id = p.id WHERE n.number = ?", .text(number)).flatMap(Self.subject)
    }

    /// The pupil holding this resident ID number, anywhere in the country.
    public func subject(residentID: String) throws -> ChangeSubject? {
        try connection.queryOne("\(Self.subjectSelect) WHERE p.id_type = '1' AND p.id_number = ?", .text(residentID)).flatMap(Self.subject)
    }

    public func subject(id: Int64) throws -> ChangeSubject? {
        try connection.queryOne("\(Self.subjectSelect) WHERE p.id = ?", .integer(id)).flatMap(Self.subject)
    }

    static func subject(_ r: Row) -> ChangeSubject? {
        guard let status = r[3].string.flatMap(PupilStatus.init), let school = r[8].string.flatMap(SchoolCode.init) else { return nil }
        return ChangeSubject(id: r[0].int64 ?? 0, number: r[1].string ?? "", name: r[2].string ?? "", status: status, grade: Int(r[4].int64 ?? 0),
                             province: r[5].string ?? "", county: r[6].string ?? "", schoolID: r[7].int64 ?? 0, school: school,
                             className: r[9].string, openProblem: (r[10].int64 ?? 0) > 0)
    }

    /// A class of a school by grade and name: its id, if it exists.
    public func classID(school: SchoolCode, grade: Int, name: String) throws -> Int64? {
        try connection.queryOne("SELECT c.id FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.code = ? AND c.grade = ? AND c.name = ?",
                                .text(school.rawValue), .integer(Int64(grade)), .text(name))?[0].int64
    }

    public func schoolID(_ code: SchoolCode) throws -> Int64? {
        try connection.queryOne("SELECT id FROM schools WHERE code = ?", .text(code.rawValue))?[0].int64
    }

    /// Active pupils of a school in one grade (the base of the repetition quota).
    public func gradeSize(school: Int64, grade: Int) throws -> Int {
        Int(try connection.queryOne("SELECT COUNT(*) FROM pupils WHERE school_id = ? AND grade = ? AND status = 'active'",
                                    .integer(school), .integer(Int64(grade)))?[0].int64 ?? 0)
    }
}
