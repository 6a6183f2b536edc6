import XuejiCore

/// Stores pupils with their guardians, numbers and memberships.
public struct PupilRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    static var columns: String { PupilColumn.selectList }
    static let from = "FROM pupils p JOIN schools s ON s.id = p.school_id LEFT JOIN classes c ON c.id = p.class_id"

    /// Inserts a new record in one go: pupil, number, guardians and the first membership (entry code 11).
    /// A taken (ID type, ID number) or number surfaces as `DatabaseError.uniqueViolation`.
    public func insert(_ r: PupilRecord, number: NationalStudentNumber, schoolID: Int64, classID: Int64, province: String,
                       registrationDue: CivilDate, late: Bool, now: Int64) throws -> Int64 {
        guard let row = try connection.queryOne("""
            INSERT INTO pupils (number, province, county, school_id, class_id, grade, status, approval, name, sex, birth_date, birthplace,
                native_place, ethnicity, nationality, id_type, id_number, overseas, health, hukou_place, hukou_nature, entry_date,
                entry_mode, study_mode, address, phone, only_child, preschool, left_behind, migrant, orphan, martyr_family, disability,
                registration_due, registered_late, registered_at, version, updated_at)
            VALUES (?, ?, (SELECT region FROM schools WHERE id = ?), ?, ?, ?, 'active', 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
            RETURNING id
            """, [.text(number.rawValue), .text(province), .integer(schoolID), .integer(schoolID), .integer(classID), .integer(Int64(r.grade)),
                  .text(r.name), .text(r.sex), .text(r.birthDate.description), .text(r.birthplace), .text(r.nativePlace),
                  .text(r.ethnicity), .text(r.nationality), .text(r.idType), SQLValue(r.idNumber), .text(r.overseas), .text(r.health),
                  .text(r.hukouPlace), .text(r.hukouNature), .text(r.entryDate.description), .text(r.entryMode), .text(r.studyMode),
                  .text(r.address), .text(r.phone), SQLValue(r.onlyChild), SQLValue(r.preschool), .text(r.leftBehind),
                  SQLValue(r.migrant), SQLValue(r.orphan), SQLValue(r.martyrFamily), SQLValue(r.disability),
                  .text(registrationDue.description), SQLValue(late), .integer(now), .integer(now)]),
              let id = row.int64("id") else { throw DatabaseError(.other, "INSERT … RETURNING gave no row") }
        try connection.execute("INSERT INTO pupil_numbers (number, pupil_id, province, assigned_at) VALUES (?, ?, ?, ?)",
                               .text(number.rawValue), .integer(id), .text(province), .integer(now))
        try insertGuardians(r.guardians, pupil: id, province: province)   // a new pupil has none to replace
        try connection.execute("""
            INSERT INTO memberships (pupil_id, province, school_id, grade, class_id, entry_date, entry_code) VALUES (?, ?, ?, ?, ?, ?, '11')
            """, .integer(id), .text(province), .integer(schoolID), .integer(Int64(r.grade)), .integer(classID), .text(r.entryDate.description))
        return id
    }

    func replaceGuardians(_ guardians: [Guardian], pupil id: Int64, province: String) throws {
        try connection.execute("DELETE FROM guardians WHERE pupil_id = ?", .integer(id))
        try insertGuardians(guardians, pupil: id, province: province)
    }

    func insertGuardians(_ guardians: [Guardian], pupil id: Int64, province: String) throws {
        for (i, g) in guardians.enumerated() {
            try connection.execute("""
                INSERT INTO guardians (pupil_id, province, position, name, relation, is_guardian, phone, id_type, id_number, workplace)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.integer(id), .text(province), .integer(Int64(i)), .text(g.name), .text(g.relation), SQLValue(g.isGuardian),
                      .text(g.phone), SQLValue(g.idType), SQLValue(g.idNumber), SQLValue(g.workplace)])
        }
    }

    /// The pupil any of whose numbers (current or old) is `number`, if inside `scope`.
    public func find(number: String, scope: ScopeFilter) throws -> StoredPupil? {
        let (condition, scopeParameters) = scope.condition
        // The current number is the common case and needs no join; an old (L) number goes through
        // pupil_numbers.
        let row = try connection.queryOne("SELECT \(Self.columns) \(Self.from) WHERE p.number = ? AND \(condition)",
                                          [.text(number)] + scopeParameters)
            ?? connection.queryOne("""
                SELECT \(Self.columns) \(Self.from) JOIN pupil_numbers n ON n.pupil_id = p.id WHERE n.number = ? AND \(condition)
                """, [.text(number)] + scopeParameters)
        guard let row else { return nil }
        return try pupil(row, guardians: guardians(of: row.int64(.id) ?? 0))
    }

    /// The pupil that holds this identity anywhere in the country, ignoring scope: only for naming
    /// the existing record in a `duplicate_identity` answer.
    public func holder(idType: String, idNumber: String) throws -> (number: String, schoolCode: String, schoolName: String)? {
        guard let row = try connection.queryOne("""
            SELECT p.number, s.code, s.name FROM pupils p JOIN schools s ON s.id = p.school_id WHERE p.id_type = ? AND p.id_number = ?
            """, .text(idType), .text(idNumber)), let n = row.string("number"), let c = row.string("code"), let s = row.string("name") else { return nil }
        return (n, c, s)
    }

    /// Other pupils with the same name, sex and birth date (duplicate candidates for pupils without an ID).
    public func sameNameSexBirth(_ r: PupilRecord, except id: Int64) throws -> [Int64] {
        try connection.query("SELECT id FROM pupils WHERE name = ? AND sex = ? AND birth_date = ? AND id <> ?",
                             .text(r.name), .text(r.sex), .text(r.birthDate.description), .integer(id)).compactMap { $0.int64("id") }
    }

    func guardians(of id: Int64) throws -> [Guardian] {
        // Read by position, in select order (see PupilColumn for why).
        try connection.query("SELECT name, relation, is_guardian, phone, id_type, id_number, workplace FROM guardians WHERE pupil_id = ? ORDER BY position",
                             .integer(id)).map { g in
            Guardian(name: g[0].string ?? "", relation: g[1].string ?? "", isGuardian: (g[2].int64 ?? 0) != 0,
                     phone: g[3].string ?? "", idType: g[4].string, idNumber: g[5].string, workplace: g[6].string)
        }
    }

    func pupil(_ row: Row, guardians: [Guardian]) throws -> StoredPupil {
        guard let number = NationalStudentNumber(row.text(.number)), let status = PupilStatus(rawValue: row.text(.status)),
              let birth = CivilDate(row.text(.birthDate)), let entry = CivilDate(row.text(.entryDate)),
              let school = SchoolCode(row.text(.schoolCode)), let region = DivisionCode(row.text(.schoolRegion)),
              let due = CivilDate(row.text(.registrationDue)) else {
            throw DatabaseError(.other, "a pupil row does not parse (id \(row.int64(.id) ?? 0))")
        }
        let record = PupilRecord(
            name: row.text(.name), sex: row.text(.sex), birthDate: birth, birthplace: row.text(.birthplace),
            nativePlace: row.text(.nativePlace), ethnicity: row.text(.ethnicity), nationality: row.text(.nationality),
            idType: row.text(.idType), idNumber: row.string(.idNumber), overseas: row.text(.overseas), health: row.text(.health),
            hukouPlace: row.text(.hukouPlace), hukouNature: row.text(.hukouNature), school: school, grade: row.int(.grade) ?? 0,
            className: row.text(.className), entryDate: entry, entryMode: row.text(.entryMode), studyMode: row.text(.studyMode),
            address: row.text(.address), phone: row.text(.phone), onlyChild: row.bool(.onlyChild), preschool: row.bool(.preschool),
            leftBehind: row.text(.leftBehind), migrant: row.bool(.migrant), orphan: row.bool(.orphan),
            martyrFamily: row.bool(.martyrFamily), disability: row.string(.disability), guardians: guardians)
        return StoredPupil(id: row.int64(.id) ?? 0, number: number, status: status, approval: row.text(.approval), record: record,
                           schoolName: row.text(.schoolName), schoolRegion: region, registrationDue: due,
                           registeredLate: row.bool(.registeredLate), registeredAt: row.int64(.registeredAt) ?? 0,
                           version: row.int(.version) ?? 0)
    }
}
