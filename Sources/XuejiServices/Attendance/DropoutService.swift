import XuejiCore
import XuejiStore

/// Dropout-control alerts and their follow-up, the province's thresholds and its terms (issue 8,
/// DOMAIN.md §5). Alerts are seen inside the reader's scope as their pupils are now, so an alert
/// follows its pupil to a new school; the school owns an alert first, its county once it has been
/// open for the province's `county_after_days` school days.
public struct DropoutService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public static let kinds: Set<String> = ["unexcused_warning", "suspected_dropout", "senior_truancy", "never_attended",
                                            "transfer_not_received", "suspension_ended", "compulsory_dropout", "left_behind_no_contact"]
    public static let states: Set<String> = ["open", "contacted", "returned", "confirmed_dropout", "resolved"]
    static let unknownAlert = DomainError.notFound(LocalizedText(zh: "该预警", en: "alert"))

    public func list(by actor: Actor, state: String?, kind: String?, after: String?, limit: Int) throws -> Page<DropoutAlert> {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        if let state, state != "active", state != "all", !Self.states.contains(state) {
            errors.append(FieldError(field: "state", code: "invalid_code", message: LocalizedText(zh: "未知的状态。", en: "Unknown state.")))
        }
        if let kind, !Self.kinds.contains(kind) {
            errors.append(FieldError(field: "kind", code: "invalid_code", message: LocalizedText(zh: "未知的预警类型。", en: "Unknown kind.")))
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        return try database.read { try AlertRepository($0).list(scope: ScopeFilter(actor.scope), state: state, kind: kind, after: after.flatMap { Int64($0) }, limit: limit) }
    }

    /// How many alerts wait in the scope (the dashboard's card), at most `activeCountCap`.
    public static let activeCountCap = 1000

    public func activeCount(by actor: Actor) throws -> Int {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        return try database.read { try AlertRepository($0).countActive(scope: ScopeFilter(actor.scope), cap: Self.activeCountCap) }
    }

    public func get(_ id: String, by actor: Actor) throws -> (DropoutAlert, [AlertNote], owner: String) {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        return try database.read { connection in
            let repository = AlertRepository(connection)
            guard let alert = try repository.get(id, scope: ScopeFilter(actor.scope)) else { throw Self.unknownAlert }
            return (alert, try repository.notes(alert: alert.id), try owner(alert, connection))
        }
    }

    /// Who should act now: the school, or the county once the alert is older than the province allows.
    func owner(_ alert: DropoutAlert, _ connection: Connection) throws -> String {
        guard AlertRepository.openStates.contains(alert.state) else { return "closed" }
        let rules = DropoutRules(overrides: try SettingsRepository(connection).values(province: String(alert.county.prefix(2))))
        let calendar = try CalendarRepository(connection).calendar()
        let escalation = calendar.due(after: alert.openedOn, workingDays: rules.countyAfterDays)
        return clock.today > escalation ? "county" : "school"
    }

    /// A note on an alert (a call, a home visit), moving it on: contacted, returned, confirmed
    /// dropout, or resolved (with the reason in the note). Closed alerts take no more notes.
    public func note(_ id: String, note text: String, state: String, by actor: Actor) throws {
        guard [.schoolRegistrar, .schoolApprover, .bureauReviewer, .bureauAdmin, .systemAdmin].contains(actor.role) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let note = text.trimmedBlanks
        if note.isEmpty || note.count > 1000 {
            errors.append(FieldError(field: "note", code: "required", message: LocalizedText(zh: "请填写经过（1000字以内）。", en: "Say what happened (at most 1,000 characters).")))
        }
        if !Self.states.contains(state) || state == "open" {
            errors.append(FieldError(field: "state", code: "invalid_code",
                                     message: LocalizedText(zh: "状态为 contacted、returned、confirmed_dropout 或 resolved。", en: "The state is contacted, returned, confirmed_dropout or resolved.")))
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        try database.write { connection in
            let repository = AlertRepository(connection)
            guard let alert = try repository.get(id, scope: ScopeFilter(actor.scope)) else { throw Self.unknownAlert }
            guard try repository.note(alert: alert.id, day: clock.today, note: note, state: state, by: actor.userID, now: now) else {
                throw DomainError(.conflict, code: "alert_closed", message: LocalizedText(zh: "该预警已结束。", en: "This alert is closed."))
            }
            try audit.record(connection, actor: actor, action: "alert.\(state)", subject: alert.publicID, now: now)
        }
    }

    // MARK: - Province rules and terms

    /// A province's class-size targets.
    public func classSizeTargets(province: String) throws -> ClassSizeTargets {
        _ = try Self.province(province)
        return ClassSizeTargets(overrides: try database.read { try SettingsRepository($0).values(province: province) })
    }

    /// A province's funding rule.
    public func fundingRules(province: String) throws -> FundingRules {
        _ = try Self.province(province)
        return FundingRules(overrides: try database.read { try SettingsRepository($0).values(province: province) })
    }

    /// A province's thresholds: public rules, readable by anyone logged in.
    public func rules(province: String) throws -> DropoutRules {
        _ = try Self.province(province)
        return DropoutRules(overrides: try database.read { try SettingsRepository($0).values(province: province) })
    }

    /// Changes some of a province's thresholds (its own administrators, or the ministry's).
    public func setRules(province: String, values: [String: Int], by actor: Actor) throws -> DropoutRules {
        let division = try Self.province(province)
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
        guard actor.scope.contains(division: division) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let known = DropoutRules.names.map { ($0.name, $0.range) } + FundingRules.names.map { ($0.name, $0.range) }
            + ClassSizeTargets.names.map { ($0.name, $0.range) }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let setting = known.first(where: { $0.0 == name }).map({ (name: $0.0, range: $0.1) }) else {
                errors.append(FieldError(field: name, code: "unknown_setting", message: LocalizedText(zh: "没有这项设置。", en: "No such setting.")))
                continue
            }
            if !setting.range.contains(value) {
                errors.append(FieldError(field: name, code: "out_of_range",
                                         message: LocalizedText(zh: "取值范围 \(setting.range.lowerBound)–\(setting.range.upperBound)。", en: "Between \(setting.range.lowerBound) and \(setting.range.upperBound).")))
            }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        return try database.write { connection in
            let settings = SettingsRepository(connection)
            for (name, value) in values { try settings.set(province: province, name: name, value: String(value), by: actor.userID, now: now) }
            let after = "{" + values.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
            try audit.record(connection, actor: actor, action: "settings.update", subject: province, after: after, now: now)
            return DropoutRules(overrides: try settings.values(province: province))
        }
    }

    public func terms(province: String) throws -> [Term] {
        _ = try Self.province(province)
        return try database.read { try AttendanceRepository($0).terms(province: province) }
    }

    /// Sets a province's term dates (its administrators).
    public func setTerm(province: String, schoolYear: Int, term: Int, starts: String, ends: String, by actor: Actor) throws -> [Term] {
        let division = try Self.province(province)
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin, actor.scope.contains(division: division) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let from = CivilDate(starts), to = CivilDate(ends)
        if from == nil { errors.append(FieldError(field: "starts", code: "invalid_date", message: LocalizedText(zh: "日期格式为 YYYY-MM-DD。", en: "A date is YYYY-MM-DD."))) }
        if to == nil { errors.append(FieldError(field: "ends", code: "invalid_date", message: LocalizedText(zh: "日期格式为 YYYY-MM-DD。", en: "A date is YYYY-MM-DD."))) }
        if let from, let to, !(from < to && to.daysSinceEpoch - from.daysSinceEpoch <= 220) {
            errors.append(FieldError(field: "ends", code: "invalid_term", message: LocalizedText(zh: "学期须在开始之后结束，且不超过220天。", en: "A term ends after it starts and lasts at most 220 days.")))
        }
        if !(2000...2100).contains(schoolYear) || !(1...2).contains(term) {
            errors.append(FieldError(field: "term", code: "invalid_term", message: LocalizedText(zh: "学年为四位年份，学期为1或2。", en: "The school year is a year, the term 1 or 2.")))
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        return try database.write { connection in
            try AttendanceRepository(connection).setTerm(province: province, schoolYear: schoolYear, term: term, starts: from!, ends: to!, now: now)
            try audit.record(connection, actor: actor, action: "terms.update", subject: "\(province)/\(schoolYear)/\(term)", after: "\"\(starts)..\(ends)\"", now: now)
            return try AttendanceRepository(connection).terms(province: province)
        }
    }

    static func province(_ text: String) throws -> DivisionCode {
        guard text.utf8.count == 2, text != "00", let code = DivisionCode(text + "0000") else {
            throw DomainError.notFound(LocalizedText(zh: "该省", en: "province"))
        }
        return code
    }
}
