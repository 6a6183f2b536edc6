import XuejiCore

/// Filters of the pupil list (API.md "Pupils": `school, region, grade, class, status, q`).
public struct PupilFilter: Sendable {
    public var school: SchoolCode?
    public var regionPrefix: String?
    public var grade: Int?
    public var className: String?
    public var status: PupilStatus?
    public var approval: String?
    /// A name prefix or a number prefix.
    public var query: String?

    public init(school: SchoolCode? = nil, regionPrefix: String? = nil, grade: Int? = nil, className: String? = nil,
                status: PupilStatus? = nil, approval: String? = nil, query: String? = nil) {
        self.school = school
        self.regionPrefix = regionPrefix
        self.grade = grade
        self.className = className
        self.status = status
        self.approval = approval
        self.query = query
    }
}

extension PupilRepository {
    /// One page of pupils inside `scope` matching `filter`, by number (keyset pagination).
    ///
    /// The search text `q` is the beginning of a number (G, J, L or digits) or of a name, each as a
    /// range on its own index. A name search over a large scope walks the name's index entries and
    /// checks the county of each (SQLite's planner would otherwise walk the whole scope by county:
    /// 1.2 s for one surname in a province of a million pupils, against milliseconds).
    public func list(_ filter: PupilFilter, scope: ScopeFilter, after: String?, limit: Int) throws -> Page<StoredPupil> {
        let q = (filter.query ?? "").trimmingCharacters(in: .whitespaces)
        let byName = !q.isEmpty && !Self.looksLikeNumber(q)
        let (condition, scopeParameters) = scope.condition(unindexed: byName && connection.dialect == .sqlite)
        var sql = "SELECT \(Self.columns) \(Self.from) WHERE \(condition)"
        var parameters: [SQLValue] = scopeParameters
        if let school = filter.school { sql += " AND s.code = ?"; parameters.append(.text(school.rawValue)) }
        if let prefix = filter.regionPrefix {
            let range = PrefixRange(column: "p.county", prefix: prefix)
            sql += " AND " + range.sql
            parameters += range.parameters
        }
        if let grade = filter.grade { sql += " AND p.grade = ?"; parameters.append(.integer(Int64(grade))) }
        if let name = filter.className { sql += " AND c.name = ?"; parameters.append(.text(name)) }
        if let status = filter.status { sql += " AND p.status = ?"; parameters.append(.text(status.rawValue)) }
        if let approval = filter.approval { sql += " AND p.approval = ?"; parameters.append(.text(approval)) }
        if !q.isEmpty {
            // Compared by code point on both engines, whatever collation a PostgreSQL database has.
            let collate = connection.dialect == .postgres ? " COLLATE \"C\"" : ""
            let range = byName ? TextPrefixRange(column: "p.name" + collate, prefix: q) : TextPrefixRange(column: "p.number" + collate, prefix: q.uppercased())
            sql += " AND " + range.sql
            parameters += range.parameters
        }
        if let after { sql += " AND p.number > ?"; parameters.append(.text(after)) }
        sql += " ORDER BY p.number LIMIT ?"
        parameters.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, parameters)
        return try Page.from(rows, limit: limit, key: { $0.number.rawValue }, map: { try pupil($0, guardians: []) })
    }

    /// Whether search text is the beginning of a national student number rather than of a name.
    static func looksLikeNumber(_ q: String) -> Bool {
        guard let first = q.unicodeScalars.first else { return false }
        let rest = q.unicodeScalars.dropFirst()
        let digitsOrX = rest.allSatisfy { ("0"..."9").contains($0) || $0 == "X" || $0 == "x" }
        return digitsOrX && (("0"..."9").contains(first) || "GJLgjl".unicodeScalars.contains(first))
    }

    /// Marks pending registrations approved (核准); returns whether the pupil was pending.
    public func approve(id: Int64, by userID: Int64, now: Int64) throws -> Bool {
        try connection.execute("UPDATE pupils SET approval = 'approved', approved_at = ?, approved_by = ?, version = version + 1, updated_at = ? WHERE id = ? AND approval = 'pending'",
                               .integer(now), .integer(userID), .integer(now), .integer(id)) == 1
    }

    /// Writes changed fields of the record, guarded by the version the caller read (optimistic
    /// concurrency: a concurrent edit makes this return false and nothing is written).
    public func update(id: Int64, expectedVersion: Int, record r: PupilRecord, classID: Int64, province: String, now: Int64) throws -> Bool {
        let changed = try connection.execute("""
            UPDATE pupils SET class_id = ?, grade = ?, name = ?, sex = ?, birth_date = ?, birthplace = ?, native_place = ?, ethnicity = ?,
                nationality = ?, id_type = ?, id_number = ?, overseas = ?, health = ?, hukou_place = ?, hukou_nature = ?, entry_mode = ?,
                study_mode = ?, address = ?, phone = ?, only_child = ?, preschool = ?, left_behind = ?, migrant = ?, orphan = ?,
                martyr_family = ?, disability = ?, version = version + 1, updated_at = ?
            WHERE id = ? AND version = ?
            """, [.integer(classID), .integer(Int64(r.grade)), .text(r.name), .text(r.sex), .text(r.birthDate.description),
                  .text(r.birthplace), .text(r.nativePlace), .text(r.ethnicity), .text(r.nationality), .text(r.idType),
                  SQLValue(r.idNumber), .text(r.overseas), .text(r.health), .text(r.hukouPlace), .text(r.hukouNature),
                  .text(r.entryMode), .text(r.studyMode), .text(r.address), .text(r.phone), SQLValue(r.onlyChild),
                  SQLValue(r.preschool), .text(r.leftBehind), SQLValue(r.migrant), SQLValue(r.orphan), SQLValue(r.martyrFamily),
                  SQLValue(r.disability), .integer(now), .integer(id), .integer(Int64(expectedVersion))])
        guard changed == 1 else { return false }
        try replaceGuardians(r.guardians, pupil: id, province: province)
        return true
    }

    /// Gives the pupil a new current number; the old one stays in `pupil_numbers` and keeps resolving.
    public func renumber(id: Int64, to number: NationalStudentNumber, province: String, now: Int64) throws {
        try connection.execute("INSERT INTO pupil_numbers (number, pupil_id, province, assigned_at) VALUES (?, ?, ?, ?)",
                               .text(number.rawValue), .integer(id), .text(province), .integer(now))
        try connection.execute("UPDATE pupils SET number = ? WHERE id = ?", .text(number.rawValue), .integer(id))
    }

    public func recordEdit(pupil id: Int64, province: String, field: String, old: String?, new: String?, by userID: Int64, now: Int64) throws {
        try connection.execute("INSERT INTO field_edits (pupil_id, province, field, old_value, new_value, edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [.integer(id), .text(province), .text(field), SQLValue(old), SQLValue(new), .integer(userID), .integer(now)])
    }

    /// Memberships and field edits of one pupil, for the history view.
    public func memberships(of id: Int64) throws -> [Row] {
        try connection.query("""
            SELECT m.entry_date, m.entry_code, m.exit_date, m.exit_code, m.grade, s.code AS school_code, s.name AS school_name, c.name AS class_name
            FROM memberships m JOIN schools s ON s.id = m.school_id LEFT JOIN classes c ON c.id = m.class_id
            WHERE m.pupil_id = ? ORDER BY m.entry_date, m.id
            """, .integer(id))
    }

    public func edits(of id: Int64) throws -> [Row] {
        try connection.query("SELECT field, old_value, new_value, edited_at, u.username FROM field_edits e LEFT JOIN users u ON u.id = e.edited_by WHERE e.pupil_id = ? ORDER BY e.edited_at, e.id",
                             .integer(id))
    }
}
