import XuejiCore
import XuejiStore

/// Daily attendance (issue 8): the class register of a school day, kept per pupil and term in packed
/// form, and the dropout-control alerts it raises at once (DOMAIN.md §5).
public struct AttendanceService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Register: Sendable {
        public let classID: String
        public let className: String
        public let grade: Int
        public let day: CivilDate
        public let taken: Bool
        public let pupils: [(number: String, name: String, mark: AttendanceMark)]
    }

    public struct Recorded: Sendable {
        public let present: Int
        public let absent: Int
        public let replaced: Bool
        public let alertsOpened: [(pupil: String, kind: String)]
    }

    static let unknownClass = DomainError.notFound(LocalizedText(zh: "该班级", en: "class"))

    /// The register of a class on a day: every pupil in school in the class with the day's mark.
    public func register(classID: String, day text: String, by actor: Actor) throws -> Register {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        let day = try Self.date(text)
        return try database.read { connection in
            let repository = AttendanceRepository(connection)
            guard let schoolClass = try repository.registerClass(classID, scope: ScopeFilter(actor.scope)) else { throw Self.unknownClass }
            let members = try repository.members(ofClass: schoolClass.id)
            guard let term = try repository.term(province: schoolClass.region.province, containing: day) else {
                return Register(classID: classID, className: schoolClass.name, grade: schoolClass.grade, day: day, taken: false,
                                pupils: members.map { ($0.number, $0.name, .unrecorded) })
            }
            let days = try repository.days(pupils: members.map(\.id), term: term.id)
            return Register(classID: classID, className: schoolClass.name, grade: schoolClass.grade, day: day,
                            taken: try repository.registerTaken(classID: schoolClass.id, day: day),
                            pupils: members.map { ($0.number, $0.name, days[$0.id]?[term.offset(of: day)] ?? .unrecorded) })
        }
    }

    /// Records a class's register for a school day: the absences named, everyone else present. A
    /// second register for the same day replaces the first (both are in the audit log). Refused: a
    /// day in the future, outside the term, or not a school day for this school; a pupil not in the
    /// class; one pupil named twice.
    public func record(classID: String, day text: String, absences: [(pupil: String, kind: String)], by actor: Actor) throws -> Recorded {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        let day = try Self.date(text)
        let now = clock.now()
        guard day <= clock.today else {
            throw Self.invalid("date", "future_date", zh: "不能登记未来日期的考勤。", en: "Attendance cannot be recorded for a future date.")
        }
        return try database.write { connection in try record(connection, classID: classID, day: day, absences: absences, by: actor, now: now) }
    }

    /// One register inside the caller's write transaction (a register of the API, or one class-day
    /// of a file).
    func record(_ connection: Connection, classID: String, day: CivilDate, absences: [(pupil: String, kind: String)], by actor: Actor, now: Int64) throws -> Recorded {
        let repository = AttendanceRepository(connection)
        guard let schoolClass = try repository.registerClass(classID, scope: ScopeFilter(actor.scope)) else { throw Self.unknownClass }
        guard let term = try repository.term(province: schoolClass.region.province, containing: day) else {
            throw Self.invalid("date", "outside_term", zh: "该日期不在本省学期内。", en: "The date is outside the province's terms.")
        }
        let schoolDays = try Self.schoolDays(connection, term: term, school: schoolClass.schoolID, through: day)
        guard schoolDays.last == day else {
            throw Self.invalid("date", "not_a_school_day", zh: "该日期不是本校的上课日（周末、节假日或停课）。",
                               en: "The date is not a school day for this school (a weekend, a holiday or a closure).")
        }
        let members = try repository.members(ofClass: schoolClass.id)
        let byNumber = Dictionary(uniqueKeysWithValues: members.map { ($0.number, $0) })
        var marks: [Int64: AttendanceMark] = [:], errors: [FieldError] = []
        for (i, absence) in absences.enumerated() {
            let number = absence.pupil.trimmedBlanks.uppercased()
            guard let pupil = byNumber[number] else {
                errors.append(FieldError(field: "absences[\(i)].pupil", code: "not_in_class",
                                         message: LocalizedText(zh: "\(number) 不在本班（或不在校）。", en: "\(number) is not in this class (or not in school).")))
                continue
            }
            guard let mark = AttendanceMark(absence: absence.kind) else {
                errors.append(FieldError(field: "absences[\(i)].kind", code: "invalid_code",
                                         message: LocalizedText(zh: "缺勤类型为 unexcused、sick、personal 或 late。", en: "The kind is unexcused, sick, personal or late.")))
                continue
            }
            if marks[pupil.id] != nil {
                errors.append(FieldError(field: "absences[\(i)].pupil", code: "duplicate_pupil",
                                         message: LocalizedText(zh: "\(number) 重复出现。", en: "\(number) is named twice.")))
            }
            marks[pupil.id] = mark
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        var days = try repository.days(pupils: members.map(\.id), term: term.id)
        let offset = term.offset(of: day)
        for pupil in members {
            var packed = days[pupil.id] ?? PackedDays()
            packed[offset] = marks[pupil.id] ?? .present
            days[pupil.id] = packed
            try repository.write(pupil: pupil.id, term: term.id, days: packed)
        }
        let absent = marks.values.filter { !$0.attended }.count
        let replaced = try repository.recordRegister(classID: schoolClass.id, day: day, by: actor.userID, absences: absent, now: now)
        try audit.record(connection, actor: actor, action: replaced ? "attendance.replace" : "attendance.record",
                         subject: "\(classID)@\(day)", after: "{\"absent\":\(absent),\"present\":\(members.count - absent)}", now: now)
        let rules = DropoutRules(overrides: try SettingsRepository(connection).values(province: schoolClass.region.province))
        let offsets = schoolDays.map(term.offset(of:))
        var opened: [(String, String)] = []
        let alerts = AlertRepository(connection)
        for pupil in members {
            guard let packed = days[pupil.id] else { continue }
            for (kind, detail) in DropoutCheck.alerts(AttendanceStanding(days: packed, schoolDayOffsets: offsets), grade: pupil.grade, rules: rules)
            where try alerts.open(pupil: pupil.id, province: schoolClass.region.province, kind: kind, detail: detail, day: day, now: now) {
                opened.append((pupil.number, kind))
            }
        }
        return Recorded(present: members.count - absent, absent: absent, replaced: replaced, alertsOpened: opened)
    }

    /// A school's school days between two dates (at most a year), term by term: the days a register
    /// can be taken.
    public func schoolDays(school code: String, from: String, to: String, by actor: Actor) throws -> [CivilDate] {
        let start = try Self.date(from), end = try Self.date(to)
        guard start <= end, end.daysSinceEpoch - start.daysSinceEpoch <= 366 else {
            throw Self.invalid("to", "invalid_range", zh: "结束日期须不早于开始日期，且相隔不超过一年。", en: "The range runs forward and spans at most a year.")
        }
        return try database.read { connection in
            guard let school = try AttendanceRepository(connection).school(code, scope: ScopeFilter(actor.scope)) else {
                throw DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))
            }
            var days: [CivilDate] = [], cursor = start
            let repository = AttendanceRepository(connection)
            while cursor <= end {
                guard let term = try repository.term(province: school.region.province, containing: cursor) else {
                    cursor = CivilDate(daysSinceEpoch: cursor.daysSinceEpoch + 1)
                    continue
                }
                days += try Self.schoolDays(connection, term: term, school: school.id, through: min(end, term.ends)).filter { $0 >= cursor }
                cursor = CivilDate(daysSinceEpoch: term.ends.daysSinceEpoch + 1)
            }
            return days
        }
    }

    /// Opens or closes a school on a day against the calendar (a snow day; a sports day on a Saturday).
    public func changeSchoolDay(school code: String, day text: String, open: Bool, reason: String, by actor: Actor) throws {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        let day = try Self.date(text)
        guard !reason.trimmedBlanks.isEmpty, reason.count <= 200 else {
            throw Self.invalid("reason", "required", zh: "请填写原因（200字以内）。", en: "Give the reason (at most 200 characters).")
        }
        let now = clock.now()
        try database.write { connection in
            guard let school = try AttendanceRepository(connection).school(code, scope: ScopeFilter(actor.scope)) else {
                throw DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))
            }
            try AttendanceRepository(connection).setDayChange(school: school.id, day: day, open: open, reason: reason.trimmedBlanks)
            try audit.record(connection, actor: actor, action: open ? "school_day.open" : "school_day.close", subject: "\(code)@\(day)", now: now)
        }
    }

    /// The school days of the term up to `through`: working days (the stored calendar, which has the
    /// make-up Saturdays), as the school changed them.
    static func schoolDays(_ connection: Connection, term: Term, school: Int64, through: CivilDate) throws -> [CivilDate] {
        let last = min(through, term.ends)
        guard term.starts <= last else { return [] }
        let calendar = try CalendarRepository(connection).calendar()
        let changes = try AttendanceRepository(connection).dayChanges(school: school, from: term.starts, to: last)
        return (term.starts.daysSinceEpoch...last.daysSinceEpoch).map { CivilDate(daysSinceEpoch: $0) }.filter { changes[$0] ?? calendar.isWorkingDay($0) }
    }

    static func date(_ text: String) throws -> CivilDate {
        guard let day = CivilDate(text) else {
            throw invalid("date", "invalid_date", zh: "日期格式为 YYYY-MM-DD。", en: "A date is YYYY-MM-DD.")
        }
        return day
    }

    static func invalid(_ field: String, _ code: String, zh: String, en: String) -> DomainError {
        DomainError.validation([FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en))])
    }
}
