import XuejiCore
import XuejiStore

/// The county's (or province's) review of every pupil's attendance at once (issue 8): the checks a
/// register makes for its class, run for every pupil in school in the scope, for the term containing
/// the day. Used after a province changes its thresholds, for the monthly review, and by `xueji
/// alerts scan`. Reads the packed terms 20,000 pupils at a time; opens the alerts in one transaction.
extension AttendanceService {
    public struct ScanOutcome: Sendable {
        public var pupils = 0
        public var opened: [String: Int] = [:]
    }

    public func scan(region requested: Scope?, day text: String?, by actor: Actor) throws -> ScanOutcome {
        guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
        let day = try text.map(Self.date) ?? CivilDate(daysSinceEpoch: clock.today.daysSinceEpoch - 1)
        let scope = requested ?? actor.scope
        if case .division(let d) = scope, !actor.scope.contains(division: d) { throw DomainError.notFound(LocalizedText(zh: "该地区", en: "region")) }
        if case .school = scope { throw Self.invalid("region", "invalid_code", zh: "请给出行政区划代码。", en: "Give a division code.") }
        let now = clock.now()
        var outcome = ScanOutcome()
        var toOpen: [(pupil: Int64, province: String, kind: String, detail: String)] = []
        try database.read { connection in
            let calendar = try CalendarRepository(connection).calendar()
            let repository = AttendanceRepository(connection)
            // The term of each province that day: its own, else the national default.
            var termOf: [String: Term] = [:], defaultTerm: Term?
            for term in try repository.terms(on: day) {
                if term.province == "00" { defaultTerm = term } else { termOf[term.province] = term }
            }
            let termIDs = Set(termOf.values.map(\.id) + (defaultTerm.map { [$0.id] } ?? []))
            var offsetsOf: [Int64: [Int]] = [:]   // by term: the school days' offsets, before any school's changes
            func schoolDays(_ term: Term, _ changes: [CivilDate: Bool]?) -> [Int] {
                if changes == nil, let known = offsetsOf[term.id] { return known }
                let last = min(day, term.ends)
                let list = term.starts <= last ? (term.starts.daysSinceEpoch...last.daysSinceEpoch).map { CivilDate(daysSinceEpoch: $0) }
                    .filter { changes?[$0] ?? calendar.isWorkingDay($0) }.map(term.offset(of:)) : []
                if changes == nil { offsetsOf[term.id] = list }
                return list
            }
            let changed = try repository.allDayChanges()
            var rulesOf: [String: DropoutRules] = [:]
            let settings = SettingsRepository(connection)
            var after: Int64 = 0
            while true {
                let page = try repository.scanPage(scope: ScopeFilter(scope), terms: termIDs, after: after, limit: 20_000)
                guard let last = page.last else { break }
                after = last.pupil
                for row in page {
                    guard let term = termOf[row.province] ?? defaultTerm, term.id == row.term else { continue }
                    if rulesOf[row.province] == nil { rulesOf[row.province] = DropoutRules(overrides: try settings.values(province: row.province)) }
                    outcome.pupils += 1
                    let standing = AttendanceStanding(days: row.days, schoolDayOffsets: schoolDays(term, changed[row.school]))
                    for (kind, detail) in DropoutCheck.alerts(standing, grade: row.grade, rules: rulesOf[row.province]!) {
                        toOpen.append((row.pupil, row.province, kind, detail))
                    }
                }
            }
        }
        // Status cases: a transfer not received in time, a suspension past its end, a compulsory dropout.
        try database.read { connection in
            let calendar = try CalendarRepository(connection).calendar()
            let settings = SettingsRepository(connection)
            var rulesOf: [String: DropoutRules] = [:]
            for c in try AlertRepository(connection).statusCases(ScopeFilter(scope), today: day) {
                if rulesOf[c.province] == nil { rulesOf[c.province] = DropoutRules(overrides: try settings.values(province: c.province)) }
                switch c.kind {
                case "transfer_not_received":
                    let due = calendar.due(after: c.since, workingDays: rulesOf[c.province]!.transferReceiveWorkingDays)
                    if day > due { toOpen.append((c.pupil, c.province, c.kind, "transfer filed \(c.since), not received by \(due)")) }
                case "suspension_ended": toOpen.append((c.pupil, c.province, c.kind, "suspension ended \(c.since) without resumption"))
                default: toOpen.append((c.pupil, c.province, c.kind, "dropout recorded in the compulsory stage"))
                }
            }
            // Left-behind children with no contact logged for the province's number of days.
            for c in try LeftBehindRepository(connection).lastContacts(ScopeFilter(scope)) {
                if rulesOf[c.province] == nil { rulesOf[c.province] = DropoutRules(overrides: try settings.values(province: c.province)) }
                let limit = rulesOf[c.province]!.leftBehindContactDays
                if let last = c.lastContact, day.daysSinceEpoch - last.daysSinceEpoch <= limit { continue }
                toOpen.append((c.pupil, c.province, "left_behind_no_contact", c.lastContact.map { "last contact \($0)" } ?? "no contact logged"))
            }
        }
        try database.write { connection in
            let alerts = AlertRepository(connection)
            for a in toOpen where try alerts.open(pupil: a.pupil, province: a.province, kind: a.kind, detail: a.detail, day: day, now: now) {
                outcome.opened[a.kind, default: 0] += 1
            }
            try audit.record(connection, actor: actor, action: "alerts.scan", subject: scope.description,
                             after: "{\"pupils\":\(outcome.pupils),\"opened\":\(outcome.opened.values.reduce(0, +))}", now: now)
        }
        return outcome
    }
}
