import Foundation
import XuejiCore
import XuejiStore

/// Attendance in bulk from a file (issue 8): one row per pupil and day with the day's mark (CSV in
/// UTF-8 or GB18030, or XLSX; columns 日期 / date, 全国学籍号 / number, 出勤情况 / mark). Each class and
/// day in the file becomes one register: the marks given, the class's other pupils present. All the
/// registers that can be taken are taken in one transaction; rows that cannot be read, and the rows
/// of a class-day that cannot be recorded (a weekend, outside the term), are listed with the reason.
extension AttendanceService {
    public struct FileOutcome: Sendable {
        public var rows = 0
        public var registers = 0
        public var absences = 0
        public var alertsOpened = 0
        public var rejected: [(row: Int, column: String, code: String, message: LocalizedText)] = []
    }

    static let dateHeaders: Set<String> = ["日期", "date"]
    static let numberHeaders: Set<String> = ["全国学籍号", "学籍号", "number"]
    static let markHeaders: Set<String> = ["出勤情况", "考勤", "mark", "kind"]
    static let markNames: [String: AttendanceMark] = ["出勤": .present, "旷课": .unexcused, "病假": .sick, "事假": .personal, "迟到": .late,
                                                      "present": .present, "unexcused": .unexcused, "sick": .sick, "personal": .personal, "late": .late]

    /// The file as uploaded (CSV or XLSX bytes).
    public func importFile(_ bytes: [UInt8], by actor: Actor) throws -> FileOutcome {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        return try TemporaryFile.with(bytes) { try importFile($0, by: actor) }
    }

    func importFile(_ url: URL, by actor: Actor) throws -> FileOutcome {
        let file = try ImportFile(url: url, template: false)
        let written = file.header.written.map(\.trimmedBlanks)
        let dateColumn = try file.column(Self.dateHeaders, label: "日期 / date"), numberColumn = try file.column(Self.numberHeaders, label: "全国学籍号 / number")
        let markColumn = try file.column(Self.markHeaders, label: "出勤情况 / mark")
        var outcome = FileOutcome()
        var rows: [(row: Int, day: CivilDate, number: String, mark: AttendanceMark)] = []
        func reject(_ row: Int, _ column: Int, _ code: String, _ zh: String, _ en: String) {
            outcome.rejected.append((row, written[column], code, LocalizedText(zh: zh, en: en)))
        }
        try file.forEachRow { row, cells, _, _ in
            outcome.rows += 1
            let cell = { (i: Int) in i < cells.count ? cells[i].trimmedBlanks : "" }
            guard let day = CivilDate(cell(dateColumn)) else { reject(row, dateColumn, "invalid_date", "日期格式为 YYYY-MM-DD。", "A date is YYYY-MM-DD."); return true }
            guard day <= clock.today else { reject(row, dateColumn, "future_date", "不能登记未来日期的考勤。", "No attendance for a future date."); return true }
            guard let mark = Self.markNames[cell(markColumn)] else {
                reject(row, markColumn, "invalid_code", "出勤情况为 出勤、旷课、病假、事假 或 迟到。", "The mark is present, unexcused, sick, personal or late."); return true
            }
            rows.append((row, day, cell(numberColumn).uppercased(), mark))
            return true
        }
        let now = clock.now()
        try database.write { connection in
            let classOf = try AttendanceRepository(connection).classes(of: Array(Set(rows.map(\.number))), scope: ScopeFilter(actor.scope))
            var groups: [String: [(row: Int, number: String, mark: AttendanceMark)]] = [:], order: [String] = []
            for r in rows {
                guard let classID = classOf[r.number] else {
                    reject(r.row, numberColumn, "not_found", "没有这名在校学生（或不在本校）。", "No such pupil in school here."); continue
                }
                let key = classID + "@" + r.day.description
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((r.row, r.number, r.mark))
            }
            for key in order {
                let parts = key.split(separator: "@"), classID = String(parts[0]), day = CivilDate(String(parts[1]))!
                let marks = groups[key]!
                do {
                    let recorded = try record(connection, classID: classID, day: day,
                                              absences: marks.filter { $0.mark != .present }.map { ($0.number, $0.mark.name) }, by: actor, now: now)
                    outcome.registers += 1
                    outcome.absences += recorded.absent
                    outcome.alertsOpened += recorded.alertsOpened.count
                } catch let e as DomainError where e.kind == .invalid {
                    let reason = e.fieldErrors.first.map { ($0.code, $0.message) } ?? (e.code, e.message)
                    for m in marks { outcome.rejected.append((m.row, written[dateColumn], reason.0, reason.1)) }
                }
            }
            try audit.record(connection, actor: actor, action: "attendance.import", subject: actor.scope.description,
                             after: "{\"registers\":\(outcome.registers),\"rejected\":\(outcome.rejected.count)}", now: now)
        }
        outcome.rejected.sort { $0.row < $1.row }
        return outcome
    }
}
