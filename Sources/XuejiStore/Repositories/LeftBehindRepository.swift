import XuejiCore

public struct LeftBehindRecord: Sendable, Equatable {
    public var parentsAway: String
    public var fatherPlace: String
    public var motherPlace: String
    public var awaySince: CivilDate
    public var carerName: String
    public var carerRelation: String
    public var carerPhone: String
    public var careMeasures: String

    public init(parentsAway: String, fatherPlace: String, motherPlace: String, awaySince: CivilDate, carerName: String,
                carerRelation: String, carerPhone: String, careMeasures: String) {
        self.parentsAway = parentsAway
        self.fatherPlace = fatherPlace
        self.motherPlace = motherPlace
        self.awaySince = awaySince
        self.carerName = carerName
        self.carerRelation = carerRelation
        self.carerPhone = carerPhone
        self.careMeasures = careMeasures
    }
}

public struct LeftBehindContact: Sendable {
    public let day: String
    public let kind: String
    public let note: String
    public let author: String
}

/// Stores the living records of left-behind children and their contact logs.
public struct LeftBehindRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func record(pupil: Int64) throws -> LeftBehindRecord? {
        try connection.queryOne("""
            SELECT parents_away, father_place, mother_place, away_since, carer_name, carer_relation, carer_phone, care_measures
            FROM left_behind_records WHERE pupil_id = ?
            """, .integer(pupil)).map { r in
            LeftBehindRecord(parentsAway: r[0].string ?? "", fatherPlace: r[1].string ?? "", motherPlace: r[2].string ?? "",
                             awaySince: r[3].string.flatMap(CivilDate.init) ?? CivilDate(daysSinceEpoch: 0), carerName: r[4].string ?? "",
                             carerRelation: r[5].string ?? "", carerPhone: r[6].string ?? "", careMeasures: r[7].string ?? "")
        }
    }

    public func save(pupil: Int64, province: String, _ r: LeftBehindRecord, by user: Int64, now: Int64) throws {
        try connection.execute("""
            INSERT INTO left_behind_records (pupil_id, province, parents_away, father_place, mother_place, away_since, carer_name,
                carer_relation, carer_phone, care_measures, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (pupil_id) DO UPDATE SET parents_away = excluded.parents_away, father_place = excluded.father_place,
                mother_place = excluded.mother_place, away_since = excluded.away_since, carer_name = excluded.carer_name,
                carer_relation = excluded.carer_relation, carer_phone = excluded.carer_phone, care_measures = excluded.care_measures,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, [.integer(pupil), .text(province), .text(r.parentsAway), .text(r.fatherPlace), .text(r.motherPlace), .text(r.awaySince.description),
                  .text(r.carerName), .text(r.carerRelation), .text(r.carerPhone), .text(r.careMeasures), .integer(user), .integer(now)])
    }

    public func contacts(pupil: Int64) throws -> [LeftBehindContact] {
        try connection.query("""
            SELECT c.day, c.kind, c.note, u.username FROM left_behind_contacts c JOIN users u ON u.id = c.written_by
            WHERE c.pupil_id = ? ORDER BY c.day DESC, c.id DESC
            """, .integer(pupil)).map { LeftBehindContact(day: $0[0].string ?? "", kind: $0[1].string ?? "", note: $0[2].string ?? "", author: $0[3].string ?? "") }
    }

    public func addContact(pupil: Int64, day: CivilDate, kind: String, note: String, by user: Int64, now: Int64) throws {
        try connection.execute("INSERT INTO left_behind_contacts (pupil_id, day, kind, note, written_by, written_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [.integer(pupil), .text(day.description), .text(kind), .text(note), .integer(user), .integer(now)])
    }

    /// Left-behind pupils in school in the scope (the registry's flag) with the day of their last
    /// contact (nil: never) and the day their record was written (nil: no record).
    public func lastContacts(_ scope: ScopeFilter) throws -> [(pupil: Int64, province: String, county: String, school: String, lastContact: CivilDate?, awaySince: CivilDate?)] {
        // On SQLite the scope's columns are kept off the planner: the flag's index finds the few
        // left-behind pupils; the province index would walk every pupil (1 s for a million).
        let (condition, parameters) = scope.condition(unindexed: connection.dialect == .sqlite)
        return try connection.query("""
            SELECT p.id, p.province, p.county, s.code, (SELECT MAX(c.day) FROM left_behind_contacts c WHERE c.pupil_id = p.id), r.away_since
            FROM pupils p JOIN schools s ON s.id = p.school_id LEFT JOIN left_behind_records r ON r.pupil_id = p.id
            WHERE \(condition) AND p.left_behind IN ('1', '2') AND p.status IN ('active', 'suspended')
            """, parameters).compactMap { r in
            guard let id = r[0].int64 else { return nil }
            return (id, r[1].string ?? "", r[2].string ?? "", r[3].string ?? "", r[4].string.flatMap(CivilDate.init), r[5].string.flatMap(CivilDate.init))
        }
    }
}
