import XuejiCore

/// A school term of a province (or the national default).
public struct Term: Sendable, Equatable {
    public let id: Int64
    public let province: String
    public let schoolYear: Int
    public let term: Int
    public let starts: CivilDate
    public let ends: CivilDate

    /// The day's slot in a pupil's packed term.
    public func offset(of day: CivilDate) -> Int { day.daysSinceEpoch - starts.daysSinceEpoch }
}

/// A class as the register needs it.
public struct RegisterClass: Sendable {
    public let id: Int64
    public let publicID: String
    public let schoolID: Int64
    public let school: SchoolCode
    public let region: DivisionCode
    public let grade: Int
    public let name: String
}

/// A pupil on a class register.
public struct RegisterPupil: Sendable {
    public let id: Int64
    public let number: String
    public let name: String
    public let grade: Int
}

/// Terms, school days, the packed attendance of each pupil and term, and class registers.
public struct AttendanceRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    static let termColumns = "id, province, school_year, term, starts, ends"

    /// The province's term containing `day`, or the national default's.
    public func term(province: String, containing day: CivilDate) throws -> Term? {
        try connection.queryOne("""
            SELECT \(Self.termColumns) FROM terms WHERE province IN (?, '00') AND starts <= ? AND ends >= ?
            ORDER BY province DESC LIMIT 1
            """, .text(province), .text(day.description), .text(day.description)).flatMap(Self.term)
    }

    public func terms(province: String) throws -> [Term] {
        try connection.query("""
            SELECT \(Self.termColumns) FROM terms t WHERE province = ? OR (province = '00' AND NOT EXISTS
              (SELECT 1 FROM terms o WHERE o.province = ? AND o.school_year = t.school_year AND o.term = t.term))
            ORDER BY school_year, term
            """, .text(province), .text(province)).compactMap(Self.term)
    }

    /// Sets a province's term (insert or replace).
    public func setTerm(province: String, schoolYear: Int, term: Int, starts: CivilDate, ends: CivilDate, now: Int64) throws {
        try connection.execute("""
            INSERT INTO terms (province, school_year, term, starts, ends, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (province, school_year, term) DO UPDATE SET starts = excluded.starts, ends = excluded.ends, updated_at = excluded.updated_at
            """, [.text(province), .integer(Int64(schoolYear)), .integer(Int64(term)), .text(starts.description), .text(ends.description), .integer(now)])
    }

    /// Days a school opened or closed against the calendar, within a range.
    public func dayChanges(school: Int64, from: CivilDate, to: CivilDate) throws -> [CivilDate: Bool] {
        var out: [CivilDate: Bool] = [:]
        for r in try connection.query("SELECT day, open FROM school_day_changes WHERE school_id = ? AND day >= ? AND day <= ?",
                                      .integer(school), .text(from.description), .text(to.description)) {
            if let day = r.string("day").flatMap(CivilDate.init) { out[day] = (r.int("open") ?? 0) == 1 }
        }
        return out
    }

    public func setDayChange(school: Int64, day: CivilDate, open: Bool, reason: String) throws {
        try connection.execute("""
            INSERT INTO school_day_changes (school_id, day, open, reason) VALUES (?, ?, ?, ?)
            ON CONFLICT (school_id, day) DO UPDATE SET open = excluded.open, reason = excluded.reason
            """, [.integer(school), .text(day.description), .integer(open ? 1 : 0), .text(reason)])
    }

    /// A class by its public id, inside the scope.
    public func registerClass(_ publicID: String, scope: ScopeFilter) throws -> RegisterClass? {
        let (condition, parameters) = Self.schoolScope(scope)
        guard let r = try connection.queryOne("""
            SELECT c.id, c.public_id, c.grade, c.name, s.id AS school_id, s.code, s.region FROM classes c JOIN schools s ON s.id = c.school_id
            WHERE c.public_id = ? AND \(condition)
            """, [.text(publicID)] + parameters),
              let id = r.int64("id"), let schoolID = r.int64("school_id"), let code = r.string("code").flatMap(SchoolCode.init),
              let region = r.string("region").flatMap(DivisionCode.init) else { return nil }
        return RegisterClass(id: id, publicID: publicID, schoolID: schoolID, school: code, region: region, grade: r.int("grade") ?? 0, name: r.string("name") ?? "")
    }

    /// A school's row id and county, inside the scope.
    public func school(_ code: String, scope: ScopeFilter) throws -> (id: Int64, region: DivisionCode)? {
        let (condition, parameters) = Self.schoolScope(scope)
        guard let r = try connection.queryOne("SELECT s.id, s.region FROM schools s WHERE s.code = ? AND \(condition)", [.text(code)] + parameters),
              let id = r.int64("id"), let region = r.string("region").flatMap(DivisionCode.init) else { return nil }
        return (id, region)
    }

    /// The class (public id) of each of these pupils in school inside the scope, by number.
    public func classes(of numbers: [String], scope: ScopeFilter) throws -> [String: String] {
        let (condition, parameters) = scope.condition
        var out: [String: String] = [:]
        for chunk in stride(from: 0, to: numbers.count, by: 500) {
            let part = numbers[chunk..<min(chunk + 500, numbers.count)]
            let marks = part.map { _ in "?" }.joined(separator: ", ")
            for r in try connection.query("""
                SELECT p.number, c.public_id FROM pupils p JOIN classes c ON c.id = p.class_id JOIN schools s ON s.id = p.school_id
                WHERE \(condition) AND p.status = 'active' AND p.number IN (\(marks))
                """, parameters + part.map { .text($0) }) {
                if let number = r[0].string, let id = r[1].string { out[number] = id }
            }
        }
        return out
    }

    /// The pupils in school in the class now, by number.
    public func members(ofClass id: Int64) throws -> [RegisterPupil] {
        try connection.query("SELECT id, number, name, grade FROM pupils WHERE class_id = ? AND status = 'active' ORDER BY number", .integer(id)).compactMap { r in
            guard let id = r.int64("id"), let number = r.string("number") else { return nil }
            return RegisterPupil(id: id, number: number, name: r.string("name") ?? "", grade: r.int("grade") ?? 0)
        }
    }

    /// The packed terms of these pupils.
    public func days(pupils: [Int64], term: Int64) throws -> [Int64: PackedDays] {
        var out: [Int64: PackedDays] = [:]
        for chunk in stride(from: 0, to: pupils.count, by: 500) {
            let ids = pupils[chunk..<min(chunk + 500, pupils.count)]
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            for r in try connection.query("SELECT pupil_id, days FROM attendance WHERE term_id = ? AND pupil_id IN (\(marks))",
                                          [.integer(term)] + ids.map { .integer($0) }) {
                if let id = r[0].int64, case .blob(let bytes) = r[1] { out[id] = PackedDays(bytes) }
            }
        }
        return out
    }

    public func write(pupil: Int64, term: Int64, days: PackedDays) throws {
        try connection.execute("""
            INSERT INTO attendance (pupil_id, term_id, days) VALUES (?, ?, ?)
            ON CONFLICT (pupil_id, term_id) DO UPDATE SET days = excluded.days
            """, [.integer(pupil), .integer(term), .blob(days.bytes)])
    }

    /// Records that the class took its register that day; answers whether it replaced an earlier one.
    public func recordRegister(classID: Int64, day: CivilDate, by user: Int64, absences: Int, now: Int64) throws -> Bool {
        let earlier = try connection.queryOne("SELECT 1 FROM class_registers WHERE class_id = ? AND day = ?", .integer(classID), .text(day.description)) != nil
        try connection.execute("""
            INSERT INTO class_registers (class_id, day, recorded_by, recorded_at, absences) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (class_id, day) DO UPDATE SET recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at, absences = excluded.absences
            """, [.integer(classID), .text(day.description), .integer(user), .integer(now), .integer(Int64(absences))])
        return earlier
    }

    public func registerTaken(classID: Int64, day: CivilDate) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM class_registers WHERE class_id = ? AND day = ?", .integer(classID), .text(day.description)) != nil
    }

    /// Every term (of any province, and the default) running on a day.
    public func terms(on day: CivilDate) throws -> [Term] {
        try connection.query("SELECT \(Self.termColumns) FROM terms WHERE starts <= ? AND ends >= ?", .text(day.description), .text(day.description))
            .compactMap(Self.term)
    }

    /// Every school's day changes, by school.
    public func allDayChanges() throws -> [Int64: [CivilDate: Bool]] {
        var out: [Int64: [CivilDate: Bool]] = [:]
        for r in try connection.query("SELECT school_id, day, open FROM school_day_changes") {
            if let school = r[0].int64, let d = r[1].string.flatMap(CivilDate.init) { out[school, default: [:]][d] = r[2].int64 == 1 }
        }
        return out
    }

    /// One pupil's term of attendance, as a scan reads it.
    public struct ScannedTerm: Sendable {
        public let pupil: Int64
        public let grade: Int
        public let province: String
        public let school: Int64
        public let term: Int64
        public let days: PackedDays
    }

    /// The next page of terms of pupils in school inside the scope, by pupil id. On SQLite the page
    /// is read along the attendance table's own key (the scope's columns kept off the planner): by
    /// the scope's index it sorted the whole province for every page, 100 s for a million pupils.
    public func scanPage(scope: ScopeFilter, terms: Set<Int64>, after: Int64, limit: Int) throws -> [ScannedTerm] {
        guard !terms.isEmpty else { return [] }
        let (condition, parameters) = scope.condition(unindexed: connection.dialect == .sqlite)
        let marks = terms.map { _ in "?" }.joined(separator: ", ")
        return try connection.query("""
            SELECT p.id, p.grade, p.province, p.school_id, a.term_id, a.days FROM attendance a JOIN pupils p ON p.id = a.pupil_id
            JOIN schools s ON s.id = p.school_id
            WHERE \(condition) AND p.status = 'active' AND a.term_id IN (\(marks)) AND a.pupil_id > ? ORDER BY a.pupil_id LIMIT ?
            """, parameters + terms.sorted().map { .integer($0) } + [.integer(after), .integer(Int64(limit))]).compactMap { r in
            guard let pupil = r[0].int64, let term = r[4].int64, case .blob(let bytes) = r[5] else { return nil }
            return ScannedTerm(pupil: pupil, grade: Int(r[1].int64 ?? 0), province: r[2].string ?? "", school: r[3].int64 ?? 0, term: term, days: PackedDays(bytes))
        }
    }

    /// `s` (schools) inside the scope.
    static func schoolScope(_ scope: ScopeFilter) -> (sql: String, parameters: [SQLValue]) {
        switch scope {
        case .division(let prefix):
            let range = PrefixRange(column: "s.region", prefix: prefix)
            return (range.sql, range.parameters)
        case .school(let code): return ("s.code = ?", [.text(code.rawValue)])
        }
    }

    static func term(_ r: Row) -> Term? {
        guard let id = r.int64("id"), let starts = r.string("starts").flatMap(CivilDate.init), let ends = r.string("ends").flatMap(CivilDate.init) else { return nil }
        return Term(id: id, province: r.string("province") ?? "00", schoolYear: r.int("school_year") ?? 0, term: r.int("term") ?? 0, starts: starts, ends: ends)
    }
}
