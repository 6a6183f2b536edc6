import Foundation
import XuejiCore
import XuejiStore

/// Reconciliation with the annual statistics (教育事业统计, DOMAIN.md §5): the submitted table of
/// in-school counts (school × grade × sex, as of 1 September) against the registry's counts on the
/// same day from the memberships; the pupils behind any registry count; and the county's sign-off
/// of its census snapshot, frozen from then on.
public struct ReconciliationService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Difference: Sendable {
        public let school: String
        public let grade: Int
        public let sex: String
        public let statistics: Int
        public let registry: Int
    }

    public struct Outcome: Sendable {
        public var asOf: CivilDate
        public var rows = 0
        public var matched = 0
        public var differences: [Difference] = []
        public var rejected: [(row: Int, column: String, code: String, message: LocalizedText)] = []
        /// Per school: the statistics' and the registry's pupils (for the chart of the page).
        public var schoolTotals: [String: (statistics: Int, registry: Int)] = [:]
    }

    static let roles: Set<Role> = [.systemAdmin, .bureauAdmin, .bureauReviewer]

    /// 1 September of the current school year (the statistics' stock date).
    public func defaultDate() -> CivilDate {
        let today = clock.today
        return SchoolTerm.stockDate(today)
    }

    /// The statistics table as uploaded (CSV or XLSX bytes).
    public func compare(_ table: [UInt8], region requested: Scope?, asOf text: String?, by actor: Actor) throws -> Outcome {
        guard Self.roles.contains(actor.role) else { throw DomainError.forbidden }
        return try TemporaryFile.with(table) { try compare($0, region: requested, asOf: text, by: actor) }
    }

    func compare(_ url: URL, region requested: Scope?, asOf text: String?, by actor: Actor) throws -> Outcome {
        let scope = requested ?? actor.scope
        if case .division(let d) = scope, !actor.scope.contains(division: d) { throw DomainError.notFound(LocalizedText(zh: "该地区", en: "region")) }
        let asOf = try date(text)
        let file = try ImportFile(url: url, template: false)
        let written = file.header.written.map(\.trimmedBlanks)
        let schoolColumn = try file.column(["学校标识码", "学校代码", "school"], label: "学校标识码 / school"), gradeColumn = try file.column(["年级", "grade"], label: "年级 / grade")
        let sexColumn = try file.column(["性别", "sex"], label: "性别 / sex"), countColumn = try file.column(["在校生数", "人数", "pupils"], label: "在校生数 / pupils")
        var outcome = Outcome(asOf: asOf)
        var statistics: [CensusRepository.Count: Int] = [:], rows: [(Int, CensusRepository.Count, Int)] = []
        try file.forEachRow { row, cells, _, _ in
            outcome.rows += 1
            let cell = { (i: Int) in i < cells.count ? cells[i].trimmedBlanks : "" }
            func reject(_ c: Int, _ code: String, _ zh: String, _ en: String) { outcome.rejected.append((row, written[c], code, LocalizedText(zh: zh, en: en))) }
            guard let grade = Int(cell(gradeColumn)), (1...12).contains(grade) else { reject(gradeColumn, "invalid_code", "年级为1–12。", "A grade is 1 to 12."); return true }
            let sex = ["1": "1", "2": "2", "男": "1", "女": "2"][cell(sexColumn)]
            guard let sex else { reject(sexColumn, "invalid_code", "性别为 1/2 或 男/女。", "Sex is 1/2 or 男/女."); return true }
            guard let count = Int(cell(countColumn)), count >= 0 else { reject(countColumn, "invalid_count", "人数须为非负整数。", "A count is a whole number, not negative."); return true }
            rows.append((row, CensusRepository.Count(school: cell(schoolColumn), grade: grade, sex: sex), count))
            return true
        }
        try database.read { connection in
            let census = CensusRepository(connection)
            let known = try census.knownSchools(Array(Set(rows.map(\.1.school))))
            let registry = try census.counts(schoolsIn: ScopeFilter(scope), on: asOf)
            let inScope = Set(registry.keys.map(\.school)).union(try inScopeSchools(connection, scope: scope, codes: Array(known)))
            for (row, key, count) in rows {
                guard known.contains(key.school) else {
                    outcome.rejected.append((row, written[schoolColumn], "unknown_school", LocalizedText(zh: "没有这个学校标识码。", en: "No such school code."))); continue
                }
                guard inScope.contains(key.school) else {
                    outcome.rejected.append((row, written[schoolColumn], "outside_scope", LocalizedText(zh: "该校不在本辖区。", en: "The school is outside your scope."))); continue
                }
                statistics[key, default: 0] += count
            }
            for key in Set(statistics.keys).union(registry.keys).sorted(by: { ($0.school, $0.grade, $0.sex) < ($1.school, $1.grade, $1.sex) }) {
                let s = statistics[key] ?? 0, r = registry[key] ?? 0
                let total = outcome.schoolTotals[key.school] ?? (0, 0)
                outcome.schoolTotals[key.school] = (total.statistics + s, total.registry + r)
                if s == r { outcome.matched += 1 } else {
                    outcome.differences.append(Difference(school: key.school, grade: key.grade, sex: key.sex, statistics: s, registry: r))
                }
            }
        }
        outcome.rejected.sort { $0.row < $1.row }
        return outcome
    }

    func inScopeSchools(_ connection: Connection, scope: Scope, codes: [String]) throws -> Set<String> {
        Set(try codes.filter { try AttendanceRepository(connection).school($0, scope: ScopeFilter(scope)) != nil })
    }

    /// The pupils behind a registry count (numbers and names only), for the drill-down.
    public func pupils(school: String, grade: Int, sex: String, asOf text: String?, by actor: Actor) throws -> [(number: String, name: String)] {
        guard Self.roles.contains(actor.role) else { throw DomainError.forbidden }
        let asOf = try date(text)
        return try database.read { try CensusRepository($0).pupils(school: school, grade: grade, sex: sex, on: asOf, scope: ScopeFilter(actor.scope)) }
    }

    /// The county signs off its census snapshot for the date: the registry's counts are frozen.
    public func signOff(county: String, asOf text: String?, by actor: Actor) throws -> (id: Int64, pupils: Int) {
        guard actor.role == .bureauReviewer || actor.role == .bureauAdmin || actor.role == .systemAdmin else { throw DomainError.forbidden }
        guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county else { throw DomainError.notFound(LocalizedText(zh: "该县", en: "county")) }
        guard actor.scope.contains(division: code) else { throw DomainError.notFound(LocalizedText(zh: "该县", en: "county")) }
        let asOf = try date(text), now = clock.now()
        return try database.write { connection in
            let census = CensusRepository(connection)
            let counts = try census.counts(schoolsIn: .division(prefix: county), on: asOf)
            guard let id = try census.signOff(county: county, on: asOf, counts: counts, by: actor.userID, now: now) else {
                throw DomainError(.conflict, code: "already_signed_off", message: LocalizedText(zh: "该县该日的统计快照已签署，不能重签；更正请另行记录。", en: "This county's snapshot for the date is signed off already; record corrections beside it."))
            }
            try audit.record(connection, actor: actor, action: "census.sign_off", subject: "\(county)@\(asOf)", after: "{\"pupils\":\(counts.values.reduce(0, +))}", now: now)
            return (id, counts.values.reduce(0, +))
        }
    }

    public func snapshot(county: String, asOf text: String?, by actor: Actor) throws -> (counts: [CensusRepository.Count: Int], corrections: [CensusRepository.Correction]) {
        guard let code = DivisionCode(county), county.utf8.count == 6, actor.scope.contains(division: code) || actor.role == .systemAdmin else {
            throw DomainError.notFound(LocalizedText(zh: "该县", en: "county"))
        }
        let asOf = try date(text)
        return try database.read { connection in
            let census = CensusRepository(connection)
            guard let found = try census.snapshot(county: county, on: asOf) else { throw DomainError.notFound(LocalizedText(zh: "该统计快照", en: "snapshot")) }
            return (found.counts, try census.corrections(snapshot: found.id))
        }
    }

    /// A correction found after the sign-off (a pupil counted twice, one missed): recorded beside
    /// the frozen snapshot with its reason, by the county; the snapshot itself never changes.
    public func correct(county: String, asOf text: String?, school: String, grade: Int, sex: String, delta: Int, reason: String,
                        by actor: Actor) throws -> CensusRepository.Correction {
        guard actor.role == .bureauReviewer || actor.role == .bureauAdmin || actor.role == .systemAdmin else { throw DomainError.forbidden }
        guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county, actor.scope.contains(division: code) else {
            throw DomainError.notFound(LocalizedText(zh: "该县", en: "county"))
        }
        let asOf = try date(text), now = clock.now()
        let why = reason.trimmedBlanks
        return try database.write { connection in
            let census = CensusRepository(connection)
            guard let found = try census.snapshot(county: county, on: asOf) else { throw DomainError.notFound(LocalizedText(zh: "该统计快照", en: "snapshot")) }
            var errors: [FieldError] = []
            func bad(_ field: String, _ code: String, _ zh: String, _ en: String) { errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en))) }
            if try AttendanceRepository(connection).school(school, scope: .division(prefix: county)) == nil { bad("school", "unknown_school", "该县没有这个学校标识码。", "No such school code in the county.") }
            if !(1...12).contains(grade) { bad("grade", "invalid_code", "年级为1–12。", "A grade is 1 to 12.") }
            if !["1", "2"].contains(sex) { bad("sex", "invalid_code", "性别为 1 或 2。", "Sex is 1 or 2.") }
            if delta == 0 || abs(delta) > 100_000 { bad("delta", "invalid_count", "更正数须为非零整数。", "The correction must be a non-zero whole number.") }
            if why.isEmpty || why.count > 200 { bad("reason", "reason_required", "请写明更正原因（200字以内）。", "Say why (at most 200 characters).") }
            if !errors.isEmpty { throw DomainError.validation(errors) }
            let key = CensusRepository.Count(school: school, grade: grade, sex: sex)
            try census.addCorrection(snapshot: found.id, key, delta: delta, reason: why, by: actor.userID, now: now)
            try audit.record(connection, actor: actor, action: "census.correct", subject: "\(county)@\(asOf)",
                             after: "{\"school\":\"\(school)\",\"grade\":\(grade),\"sex\":\"\(sex)\",\"delta\":\(delta)}", now: now)
            return try census.corrections(snapshot: found.id).last!
        }
    }

    func date(_ text: String?) throws -> CivilDate {
        guard let text else { return defaultDate() }
        guard let day = CivilDate(text), day <= clock.today else {
            throw DomainError.validation([FieldError(field: "as_of", code: "invalid_date", message: LocalizedText(zh: "日期格式为 YYYY-MM-DD，且不晚于今天。", en: "A date as YYYY-MM-DD, not after today."))])
        }
        return day
    }
}
