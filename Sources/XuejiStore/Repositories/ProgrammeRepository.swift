import XuejiCore

/// Programme rates, the nutrition plan's pilot counties, and the memberships a meal claim is made
/// from.
public struct ProgrammeRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func rates(programme: String? = nil) throws -> [ProgrammeRate] {
        try connection.query("""
            SELECT programme, province, effective_from, effective_to, amount_fen FROM programme_rates
            \(programme == nil ? "" : "WHERE programme = ?") ORDER BY programme, province, effective_from
            """, programme.map { [.text($0)] } ?? []).compactMap { r in
            guard let from = r[2].string.flatMap(CivilDate.init) else { return nil }
            return ProgrammeRate(programme: r[0].string ?? "", province: r[1].string ?? "", from: from, to: r[3].string.flatMap(CivilDate.init), fen: r[4].int64 ?? 0)
        }
    }

    public func insert(_ rate: ProgrammeRate, source: String, now: Int64) throws {
        try connection.execute("""
            INSERT INTO programme_rates (programme, province, effective_from, effective_to, amount_fen, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(rate.programme), .text(rate.province), .text(rate.from.description), SQLValue(rate.to?.description), .integer(rate.fen), .text(source), .integer(now)])
    }

    public func pilots() throws -> [(county: String, pilot: String, since: CivilDate)] {
        try connection.query("SELECT county, pilot, since FROM meal_pilot_counties ORDER BY county").compactMap { r in
            guard let since = r[2].string.flatMap(CivilDate.init) else { return nil }
            return (r[0].string ?? "", r[1].string ?? "", since)
        }
    }

    public func setPilot(county: String, pilot: String, since: CivilDate, now: Int64) throws {
        try connection.execute("""
            INSERT INTO meal_pilot_counties (county, province, pilot, since, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (county) DO UPDATE SET pilot = excluded.pilot, since = excluded.since, updated_at = excluded.updated_at
            """, [.text(county), .text(String(county.prefix(2))), .text(pilot), .text(since.description), .integer(now)])
    }

    /// A stay of a pupil at an eligible school (town or rural, compulsory grades, in a pilot county)
    /// overlapping the days `from`…`to`.
    public struct MealStay: Sendable {
        public let pupil: Int64
        public let school: String
        public let county: String
        public let pilot: String
        public let pilotSince: CivilDate
        public let entry: CivilDate
        public let exit: CivilDate?
    }

    public func mealStays(schoolsIn scope: ScopeFilter, from: CivilDate, to: CivilDate) throws -> [MealStay] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        return try connection.query("""
            SELECT m.pupil_id, s.code, s.region, mp.pilot, mp.since, m.entry_date, m.exit_date
            FROM memberships m JOIN schools s ON s.id = m.school_id JOIN meal_pilot_counties mp ON mp.county = s.region
            WHERE \(condition) AND s.locality IN ('town', 'rural') AND m.grade <= 9
              AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?)
            """, parameters + [.text(to.description), .text(from.description)]).compactMap { r in
            guard let pupil = r[0].int64, let since = r[4].string.flatMap(CivilDate.init), let entry = r[5].string.flatMap(CivilDate.init) else { return nil }
            return MealStay(pupil: pupil, school: r[1].string ?? "", county: r[2].string ?? "", pilot: r[3].string ?? "", pilotSince: since,
                            entry: entry, exit: r[6].string.flatMap(CivilDate.init))
        }
    }

    /// A compulsory-stage stay at a school of the scope overlapping a term, with what funding needs
    /// to know of the pupil (boarder, special education) and the school.
    public struct FundedStay: Sendable {
        public let pupil: Int64
        public let school: String
        public let county: String
        public let grade: Int
        public let boarder: Bool
        public let special: Bool
        public let entry: CivilDate
        public let exit: CivilDate?
    }

    public func fundedStays(schoolsIn scope: ScopeFilter, from: CivilDate, to: CivilDate) throws -> [FundedStay] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        return try connection.query("""
            SELECT m.pupil_id, s.code, s.region, m.grade, p.study_mode, p.disability, s.type, m.entry_date, m.exit_date
            FROM memberships m JOIN schools s ON s.id = m.school_id JOIN pupils p ON p.id = m.pupil_id
            WHERE \(condition) AND m.grade <= 9 AND m.entry_date <= ? AND (m.exit_date IS NULL OR m.exit_date > ?)
            """, parameters + [.text(to.description), .text(from.description)]).compactMap { r in
            guard let pupil = r[0].int64, let entry = r[7].string.flatMap(CivilDate.init) else { return nil }
            return FundedStay(pupil: pupil, school: r[1].string ?? "", county: r[2].string ?? "", grade: Int(r[3].int64 ?? 0),
                              boarder: r[4].string == "2", special: r[5].string != nil || r[6].string == "special",
                              entry: entry, exit: r[8].string.flatMap(CivilDate.init))
        }
    }
}
