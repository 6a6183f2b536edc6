import Foundation
import XuejiCore
import XuejiStore

/// Financial aid (资助, DOMAIN.md §5; docs/programmes.md): the school applies for a pupil with the
/// hardship category, the county decides, at most one award per programme and term (enforced by the
/// database). Only formally registered (核准) pupils in school may be awarded. Awards follow the pupil
/// month by month in the disbursement: a pupil who moves takes the remaining months to the new school.
public struct AidService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    static let unknown = DomainError.notFound(LocalizedText(zh: "该申请", en: "application"))

    public func apply(number: String, programme: String, schoolYear: Int, term: Int, hardship: String, tier: Int, by actor: Actor) throws -> AidApplication {
        guard actor.role == .schoolRegistrar else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        if !AidProgrammes.codes.contains(programme) { errors.append(FieldError(field: "programme", code: "invalid_code", message: LocalizedText(zh: "资助项目为 living_subsidy 或 senior_grant。", en: "The programme is living_subsidy or senior_grant."))) }
        if AidProgrammes.hardship[hardship] == nil { errors.append(FieldError(field: "hardship", code: "invalid_code", message: LocalizedText(zh: "未知的困难类别。", en: "Unknown hardship category."))) }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        do {
            return try database.write { connection in
                // Another school's pupil (one who transferred out, say) is not found: no award to a pupil not here.
                guard let pupil = try PupilRepository(connection).find(number: number.uppercased(), scope: ScopeFilter(actor.scope)) else {
                    throw DomainError.notFound(LocalizedText(zh: "本校没有该学生", en: "pupil at this school"))
                }
                guard pupil.approval == "approved", pupil.status == .active else {
                    throw DomainError(.conflict, code: "not_registered", message: LocalizedText(zh: "只有经核准、在校的学生才能获得资助。", en: "Only pupils whose registration is approved and who are in school can be awarded."))
                }
                let province = pupil.schoolRegion.province
                guard let found = try AttendanceRepository(connection).terms(province: province).first(where: { $0.schoolYear == schoolYear && $0.term == term }) else {
                    throw DomainError.validation([FieldError(field: "term", code: "unknown_term", message: LocalizedText(zh: "没有这个学期。", en: "No such term."))])
                }
                let rates = RateBook(try ProgrammeRepository(connection).rates())
                guard let fen = AidProgrammes.termAward(programme: programme, grade: pupil.record.grade, boarder: pupil.record.studyMode == "2", tier: tier,
                                                        rates: rates, province: province, on: found.starts) else {
                    throw DomainError.validation([FieldError(field: "programme", code: "not_eligible", message: LocalizedText(zh: "该生的学段不适用该项目（或缺少资助档次）。", en: "The pupil's stage does not fit the programme (or the tier is missing)."))])
                }
                let schoolID = try connection.queryOne("SELECT school_id FROM pupils WHERE id = ?", .integer(pupil.id))?[0].int64 ?? 0
                let publicID = "D\(province)-" + String(UInt64.random(in: 0..<(1 << 48)), radix: 36)
                try AidRepository(connection).insert(publicID: publicID, pupil: pupil.id, province: province, programme: programme, schoolYear: schoolYear,
                                                     term: term, hardship: hardship, tier: tier, fen: fen, school: schoolID, by: actor.userID, now: now)
                try audit.record(connection, actor: actor, action: "aid.apply", subject: pupil.number.rawValue, after: "{\"programme\":\"\(programme)\",\"fen\":\(fen)}", now: now)
                guard let stored = try AidRepository(connection).get(publicID, scope: ScopeFilter(actor.scope)) else { throw Self.unknown }
                return stored
            }
        } catch let e as DatabaseError where e.code == .uniqueViolation {
            throw DomainError(.conflict, code: "already_awarded", message: LocalizedText(zh: "该生本学期已申请或获得该项资助（每项目每学期一次）。", en: "The pupil already has this programme this term (one award per programme and term)."))
        }
    }

    public func list(by actor: Actor, state: String?) throws -> [AidApplication] {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        if let state, !["pending", "approved", "rejected"].contains(state) {
            throw DomainError.validation([FieldError(field: "state", code: "invalid_code", message: LocalizedText(zh: "状态为 pending、approved 或 rejected。", en: "The state is pending, approved or rejected."))])
        }
        return try database.read { try AidRepository($0).list(scope: ScopeFilter(actor.scope), state: state, limit: 500) }
    }

    /// The county decides: approve, or reject with a reason.
    public func decide(_ id: String, approve: Bool, reason: String?, by actor: Actor) throws -> AidApplication {
        guard actor.role == .bureauReviewer || actor.role == .systemAdmin else { throw DomainError.forbidden }
        if !approve && (reason ?? "").trimmedBlanks.isEmpty {
            throw DomainError.validation([FieldError(field: "reason", code: "required", message: LocalizedText(zh: "请说明不予资助的原因。", en: "Say why it is refused."))])
        }
        let now = clock.now()
        return try database.write { connection in
            let repository = AidRepository(connection)
            guard let application = try repository.get(id, scope: ScopeFilter(actor.scope)) else { throw Self.unknown }
            guard try repository.decide(application.id, approve: approve, reason: reason, by: actor.userID, now: now) else {
                throw DomainError(.conflict, code: "already_decided", message: LocalizedText(zh: "该申请已处理。", en: "This application is decided already."))
            }
            try audit.record(connection, actor: actor, action: approve ? "aid.approve" : "aid.reject", subject: id, now: now)
            return try repository.get(id, scope: ScopeFilter(actor.scope))!
        }
    }

    /// The calendar months of a term, each given by the day its share is owed on: the term's first
    /// day for the first month, the 1st for the others.
    public static func months(of term: Term) -> [CivilDate] {
        var months: [CivilDate] = [term.starts]
        var cursor = CivilDate(year: term.starts.month == 12 ? term.starts.year + 1 : term.starts.year, month: term.starts.month % 12 + 1, day: 1)!
        while cursor <= term.ends {
            months.append(cursor)
            cursor = CivilDate(year: cursor.month == 12 ? cursor.year + 1 : cursor.year, month: cursor.month % 12 + 1, day: 1)!
        }
        return months
    }

    static func monthText(_ day: CivilDate) -> String { String(day.description.prefix(7)) }

    /// The term of a school year in the province of the scope (the national default when it has none).
    static func term(_ connection: Connection, scope: Scope, schoolYear: Int, term: Int) throws -> Term {
        let province: String
        switch scope {
        case .division(let d): province = d == .nation ? "00" : d.province
        case .school(let code): province = try AttendanceRepository(connection).school(code.rawValue, scope: .school(code))?.region.province ?? "00"
        }
        guard let found = try AttendanceRepository(connection).terms(province: province).first(where: { $0.schoolYear == schoolYear && $0.term == term }) else {
            throw DomainError.validation([FieldError(field: "term", code: "unknown_term", message: LocalizedText(zh: "没有这个学期。", en: "No such term."))])
        }
        return found
    }

    /// The disbursement of a term's approved awards per school: each award split over the calendar
    /// months of the term, each month to the school that held the pupil on its first day (the term's
    /// first day for the first month); the remainder of the division goes to the last month.
    /// `month` (YYYY-MM) keeps one month's shares, `programme` one programme's awards.
    public func disbursement(schoolsIn scope: Scope, schoolYear: Int, term: Int, month: String? = nil, programme: String? = nil) throws -> [String: (awards: Set<Int64>, fen: Int64)] {
        try database.read { connection in
            let found = try Self.term(connection, scope: scope, schoolYear: schoolYear, term: term)
            let months = Self.months(of: found)
            if let month, !months.contains(where: { Self.monthText($0) == month }) {
                throw DomainError.validation([FieldError(field: "month", code: "month_outside_term", message: LocalizedText(zh: "该月份不在这个学期内。", en: "The month is not in this term."))])
            }
            let inScope = { (school: String, region: String) -> Bool in
                switch scope {
                case .school(let code): return code.rawValue == school
                case .division(let d): return region.hasPrefix(d.subtreePrefix)
                }
            }
            var out: [String: (awards: Set<Int64>, fen: Int64)] = [:]
            for award in try AidRepository(connection).awards(schoolsIn: ScopeFilter(scope), schoolYear: schoolYear, term: term, from: found.starts, to: found.ends, programme: programme) {
                let each = award.fen / Int64(months.count)
                for (i, first) in months.enumerated() where month == nil || Self.monthText(first) == month {
                    guard let stay = award.stays.first(where: { $0.entry <= first && ($0.exit.map { $0 > first } ?? true) }), inScope(stay.school, stay.region) else { continue }
                    let share = i == months.count - 1 ? award.fen - each * Int64(months.count - 1) : each
                    out[stay.school, default: ([], 0)].awards.insert(award.award)
                    out[stay.school]!.fen += share
                }
            }
            return out
        }
    }

    /// The awards of a term as a CSV file (UTF-8 with BOM): personal data, so a reason is required,
    /// the file names its exporter and reason on its first line, ID numbers are masked, and the
    /// export is written to the audit log.
    public func export(schoolYear: Int, term: Int, reason: String, by actor: Actor) throws -> [UInt8] {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        let why = reason.trimmedBlanks
        guard !why.isEmpty, why.count <= 200 else {
            throw DomainError.validation([FieldError(field: "reason", code: "reason_required",
                                                     message: LocalizedText(zh: "导出受助学生名单须填写用途（200字以内）。", en: "Exporting the award list needs a reason (at most 200 characters)."))])
        }
        let awards = try list(by: actor, state: nil).filter { $0.schoolYear == schoolYear && $0.term == term }
        let note = "导出人：\(actor.username)；时间：\(clock.today)；用途：\(why)；证件号已脱敏"
        var lines = [[note], ["全国学籍号", "姓名", "身份证件号", "学校", "项目", "学期", "困难类别", "金额（元）", "状态"]]
        for a in awards {
            lines.append([a.pupilNumber, a.pupilName, PupilView.maskID(a.idNumber) ?? "", a.school, a.programme, "\(a.schoolYear)-\(a.term)",
                          AidProgrammes.hardship[a.hardship]?.zh ?? a.hardship, String(format: "%.2f", Double(a.amountFen) / 100), a.state])
        }
        let now = clock.now()
        try database.write { connection in
            try audit.record(connection, actor: actor, action: "aid.export", subject: "\(schoolYear)-\(term)",
                             after: "{\"count\":\(awards.count),\"reason\":\(ExportService.jsonString(why))}", now: now)
        }
        let text = lines.map { $0.map(ImportService.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }
}
