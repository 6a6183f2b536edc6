import XuejiCore

/// A pupil to insert in bulk, with everything `insert` would look up.
public struct NewPupil: Sendable {
    public let record: PupilRecord
    public let number: NationalStudentNumber
    public let schoolID: Int64
    public let classID: Int64
    public let county: String
    public let province: String
    public let registrationDue: CivilDate
    public let late: Bool

    public init(record: PupilRecord, number: NationalStudentNumber, schoolID: Int64, classID: Int64, county: String, province: String,
                registrationDue: CivilDate, late: Bool) {
        self.record = record; self.number = number; self.schoolID = schoolID; self.classID = classID
        self.county = county; self.province = province; self.registrationDue = registrationDue; self.late = late
    }
}

extension PupilRepository {
    /// Inserts many new pupils the way `insert` inserts one (record, number, guardians, first
    /// membership), with one bulk statement per table (COPY on PostgreSQL) instead of six round trips
    /// per pupil. Ids are reserved first so the child rows can name their pupil. Runs inside the
    /// caller's write transaction; returns the ids in order.
    public func insertMany(_ pupils: [NewPupil], now: Int64) throws -> [Int64] {
        guard !pupils.isEmpty else { return [] }
        let ids = try reserveIDs(pupils.count)
        try connection.bulkInsert(table: "pupils", columns: [
            "id", "number", "province", "county", "school_id", "class_id", "grade", "status", "approval", "name", "sex", "birth_date", "birthplace",
            "native_place", "ethnicity", "nationality", "id_type", "id_number", "overseas", "health", "hukou_place", "hukou_nature", "entry_date",
            "entry_mode", "study_mode", "address", "phone", "only_child", "preschool", "left_behind", "migrant", "orphan", "martyr_family", "disability",
            "registration_due", "registered_late", "registered_at", "version", "updated_at",
        ], rows: zip(ids, pupils).map { id, p in
            let r = p.record
            return [.integer(id), .text(p.number.rawValue), .text(p.province), .text(p.county), .integer(p.schoolID), .integer(p.classID),
                    .integer(Int64(r.grade)), .text("active"), .text("pending"), .text(r.name), .text(r.sex), .text(r.birthDate.description),
                    .text(r.birthplace), .text(r.nativePlace), .text(r.ethnicity), .text(r.nationality), .text(r.idType), SQLValue(r.idNumber),
                    .text(r.overseas), .text(r.health), .text(r.hukouPlace), .text(r.hukouNature), .text(r.entryDate.description),
                    .text(r.entryMode), .text(r.studyMode), .text(r.address), .text(r.phone), SQLValue(r.onlyChild), SQLValue(r.preschool),
                    .text(r.leftBehind), SQLValue(r.migrant), SQLValue(r.orphan), SQLValue(r.martyrFamily), SQLValue(r.disability),
                    .text(p.registrationDue.description), SQLValue(p.late), .integer(now), .integer(1), .integer(now)]
        })
        try connection.bulkInsert(table: "pupil_numbers", columns: ["number", "pupil_id", "province", "assigned_at"],
                                  rows: zip(ids, pupils).map { id, p in [.text(p.number.rawValue), .integer(id), .text(p.province), .integer(now)] })
        var guardians: [[SQLValue]] = []
        for (id, p) in zip(ids, pupils) {
            for (i, g) in p.record.guardians.enumerated() {
                guardians.append([.integer(id), .text(p.province), .integer(Int64(i)), .text(g.name), .text(g.relation), SQLValue(g.isGuardian),
                                  .text(g.phone), SQLValue(g.idType), SQLValue(g.idNumber), SQLValue(g.workplace)])
            }
        }
        try connection.bulkInsert(table: "guardians", columns: ["pupil_id", "province", "position", "name", "relation", "is_guardian", "phone",
                                                                "id_type", "id_number", "workplace"], rows: guardians)
        try connection.bulkInsert(table: "memberships", columns: ["pupil_id", "province", "school_id", "grade", "class_id", "entry_date", "entry_code"],
                                  rows: zip(ids, pupils).map { id, p in
            [.integer(id), .text(p.province), .integer(p.schoolID), .integer(Int64(p.record.grade)), .integer(p.classID),
             .text(p.record.entryDate.description), .text("11")]
        })
        return ids
    }

    /// `count` unused pupil ids: from the identity sequence on PostgreSQL; on SQLite, after the
    /// largest id (the single writer holds the database, so nobody else takes them meanwhile).
    private func reserveIDs(_ count: Int) throws -> [Int64] {
        switch connection.dialect {
        case .postgres:
            return try connection.query("SELECT nextval(pg_get_serial_sequence('pupils', 'id')) FROM generate_series(1, ?)",
                                        .integer(Int64(count))).compactMap { $0[0].int64 }
        case .sqlite:
            let top = try connection.queryOne("SELECT COALESCE(MAX(id), 0) FROM pupils", [])?[0].int64 ?? 0
            return (1...Int64(count)).map { top + $0 }
        }
    }
}

extension PupilRepository {
    /// The holders of many identities at once, keyed `type|number` as given (for an import's check).
    public func holders(of keys: [String]) throws -> [String: (number: String, schoolCode: String, schoolName: String)] {
        var out: [String: (number: String, schoolCode: String, schoolName: String)] = [:]
        let byType = Dictionary(grouping: keys.compactMap { key -> (String, String)? in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, by: \.0)
        for (type, pairs) in byType {
            let numbers = pairs.map(\.1)
            let marks = Array(repeating: "?", count: numbers.count).joined(separator: ", ")
            for row in try connection.query("""
                SELECT p.id_number, p.number, s.code, s.name FROM pupils p JOIN schools s ON s.id = p.school_id
                WHERE p.id_type = ? AND p.id_number IN (\(marks))
                """, [.text(type)] + numbers.map { .text($0) }) {
                if let id = row[0].string, let n = row[1].string, let c = row[2].string, let name = row[3].string { out[type + "|" + id] = (n, c, name) }
            }
        }
        return out
    }
}
