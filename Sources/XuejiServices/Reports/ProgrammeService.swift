import XuejiCore
import XuejiStore

/// Programme rates and the nutrition plan (营养改善计划, DOMAIN.md §5; docs/programmes.md).
public struct ProgrammeService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public func rates(programme: String?) throws -> [ProgrammeRate] {
        try database.read { try ProgrammeRepository($0).rates(programme: programme) }
    }

    /// Adds a rate for a province ('00' the national one, by the ministry only); refused when it
    /// shares a day with a rate of the same programme and province.
    /// Only administrators set rates; checked before anything else, so nobody else learns from the
    /// validation.
    public func requireAdministrator(_ actor: Actor) throws {
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
    }

    public func addRate(programme: String, province: String, from: String, to: String?, fen: Int64?, source: String, by actor: Actor) throws -> [ProgrammeRate] {
        try requireAdministrator(actor)
        var errors: [FieldError] = []
        func bad(_ field: String, _ code: String, _ zh: String, _ en: String) { errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en))) }
        if !ProgrammeRate.programmes.contains(programme) { bad("programme", "invalid_code", "未知的项目。", "Unknown programme.") }
        let start = CivilDate(from), end = to.flatMap(CivilDate.init)
        if start == nil { bad("effective_from", "invalid_date", "日期格式为 YYYY-MM-DD。", "A date is YYYY-MM-DD.") }
        if to != nil && end == nil { bad("effective_to", "invalid_date", "日期格式为 YYYY-MM-DD。", "A date is YYYY-MM-DD.") }
        if let start, let end, end < start { bad("effective_to", "invalid_range", "结束日期早于开始日期。", "It ends before it starts.") }
        if fen == nil || fen! < 0 || fen! > 100_000_000 { bad("amount_fen", "out_of_range", "金额以分计，0至1亿。", "The amount is in fen, 0 to 100,000,000.") }
        if source.trimmedBlanks.isEmpty { bad("source", "required", "请注明依据（文件名、文号）。", "Name the source (the document).") }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        // The national rate is the ministry's; a province's, its administrators'.
        let allowed: Bool
        if province == "00" { allowed = actor.role == .systemAdmin }
        else if let division = DivisionCode(province + "0000"), province.utf8.count == 2 { allowed = (actor.role == .systemAdmin || actor.role == .bureauAdmin) && actor.scope.contains(division: division) }
        else { throw DomainError.notFound(LocalizedText(zh: "该省", en: "province")) }
        guard allowed else { throw DomainError.forbidden }
        let rate = ProgrammeRate(programme: programme, province: province, from: start!, to: end, fen: fen!)
        let now = clock.now()
        return try database.write { connection in
            let repository = ProgrammeRepository(connection)
            if let clash = try repository.rates(programme: programme).first(where: { $0.province == province && $0.overlaps(rate) }) {
                throw DomainError.validation([FieldError(field: "effective_from", code: "overlapping_rate",
                                                         message: LocalizedText(zh: "与 \(clash.from)–\(clash.to?.description ?? "") 的标准重叠。", en: "Overlaps the rate of \(clash.from)–\(clash.to?.description ?? "").")) ])
            }
            try repository.insert(rate, source: source.trimmedBlanks, now: now)
            try audit.record(connection, actor: actor, action: "rate.add", subject: "\(programme)/\(province)", after: "{\"from\":\"\(rate.from)\",\"fen\":\(rate.fen)}", now: now)
            return try repository.rates(programme: programme)
        }
    }

    public func pilots() throws -> [(county: String, pilot: String, since: CivilDate)] {
        try database.read { try ProgrammeRepository($0).pilots() }
    }

    /// Marks a county a national or local pilot of the nutrition plan from a day (the ministry, or the
    /// county's province administrators).
    public func setPilot(county: String, pilot: String, since: String, by actor: Actor) throws {
        guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county else { throw DomainError.notFound(LocalizedText(zh: "该县", en: "county")) }
        guard (actor.role == .systemAdmin || actor.role == .bureauAdmin) && actor.scope.contains(division: code) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        if pilot != "national" && pilot != "local" { errors.append(FieldError(field: "pilot", code: "invalid_code", message: LocalizedText(zh: "试点类型为 national 或 local。", en: "The pilot is national or local."))) }
        let day = CivilDate(since)
        if day == nil { errors.append(FieldError(field: "since", code: "invalid_date", message: LocalizedText(zh: "日期格式为 YYYY-MM-DD。", en: "A date is YYYY-MM-DD."))) }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        try database.write { connection in
            try ProgrammeRepository(connection).setPilot(county: county, pilot: pilot, since: day!, now: now)
            try audit.record(connection, actor: actor, action: "meal_pilot.set", subject: county, after: "\"\(pilot) \(day!)\"", now: now)
        }
    }

    /// A school's meal claim for a month: eligible pupils, meal-days (days present while at this
    /// school), the amount at the rate in force each day, and the central and local shares.
    public struct MealClaim: Sendable {
        public var county = ""
        public var pupils: Set<Int64> = []
        public var mealDays = 0
        public var fen: Int64 = 0
        public var centralFen: Int64 = 0
    }

    public func mealClaims(schoolsIn scope: Scope, year: Int, month: Int) throws -> [String: MealClaim] {
        guard let first = CivilDate(year: year, month: month, day: 1) else {
            throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))])
        }
        let last = CivilDate(daysSinceEpoch: (month == 12 ? CivilDate(year: year + 1, month: 1, day: 1)! : CivilDate(year: year, month: month + 1, day: 1)!).daysSinceEpoch - 1)
        return try database.read { connection in
            let book = RateBook(try ProgrammeRepository(connection).rates())
            let stays = try ProgrammeRepository(connection).mealStays(schoolsIn: ScopeFilter(scope), from: first, to: last)
            let attendance = AttendanceRepository(connection)
            var claims: [String: MealClaim] = [:]
            var termsOf: [String: [Term]] = [:]
            for province in Set(stays.map { String($0.county.prefix(2)) }) {
                termsOf[province] = try attendance.terms(province: province).filter { $0.starts <= last && $0.ends >= first }
            }
            // Each term's packed rows of the pupils concerned, read 500 at a time rather than one by one.
            var daysOf: [Int64: [Int64: PackedDays]] = [:]
            for (province, terms) in termsOf {
                let pupils = Array(Set(stays.filter { $0.county.hasPrefix(province) }.map(\.pupil)))
                for term in terms { daysOf[term.id, default: [:]].merge(try attendance.days(pupils: pupils, term: term.id)) { a, _ in a } }
            }
            // The month's rates per province and day, looked up once (not once per pupil and day).
            let firstDay = first.daysSinceEpoch
            var ratesOf: [String: [(meal: Int64?, central: Int64)]] = [:]
            for province in termsOf.keys {
                ratesOf[province] = (firstDay...last.daysSinceEpoch).map { n in
                    let day = CivilDate(daysSinceEpoch: n)
                    return (book.fen("meal", province: province, on: day), book.fen("meal_central_award", province: province, on: day) ?? 0)
                }
            }
            for stay in stays {
                let province = String(stay.county.prefix(2))
                let rates = ratesOf[province]!
                var mealDays = 0, fen: Int64 = 0, central: Int64 = 0
                for term in termsOf[province]! {
                    guard let days = daysOf[term.id]?[stay.pupil] else { continue }
                    let start = max(first, term.starts, stay.entry, stay.pilotSince), end = min(last, term.ends)
                    guard start <= end else { continue }
                    for n in start.daysSinceEpoch...end.daysSinceEpoch {
                        let day = CivilDate(daysSinceEpoch: n)
                        if let exit = stay.exit, day >= exit { break }
                        guard days[term.offset(of: day)].attended, let rate = rates[n - firstDay].meal else { continue }
                        mealDays += 1
                        fen += rate
                        central += stay.pilot == "national" ? rate : min(rate, rates[n - firstDay].central)
                    }
                }
                guard mealDays > 0 else { continue }
                claims[stay.school, default: MealClaim()].county = stay.county
                claims[stay.school]!.pupils.insert(stay.pupil)
                claims[stay.school]!.mealDays += mealDays
                claims[stay.school]!.fen += fen
                claims[stay.school]!.centralFen += central
            }
            return claims
        }
    }

    /// A school's per-pupil funding for a term (生均公用经费, docs/programmes.md).
    public struct Allocation: Sendable {
        public var pupils: Set<Int64> = []
        public var boarders: Set<Int64> = []
        public var special: Set<Int64> = []
        /// The pupils paid from a signed-off census snapshot rather than the live memberships.
        public var frozen: Set<Int64> = []
        public var fen: Int64 = 0

        public init() {}

        mutating func add(_ pupil: Int64, boarder: Bool, special isSpecial: Bool, frozen isFrozen: Bool, fen share: Int64) {
            pupils.insert(pupil)
            if boarder { boarders.insert(pupil) }
            if isSpecial { special.insert(pupil) }
            if isFrozen { frozen.insert(pupil) }
            fen += share
        }

        public mutating func merge(_ other: Allocation) {
            pupils.formUnion(other.pupils)
            boarders.formUnion(other.boarders)
            special.formUnion(other.special)
            frozen.formUnion(other.frozen)
            fen += other.fen
        }
    }

    /// The term's allocation per school: half the annual benchmark of the census date per pupil
    /// (primary or junior; the special-education rate instead for special-education pupils; plus the
    /// boarder supplement), to the school holding the pupil on the census date, or pro rata by days
    /// at each school when the province says so. Under the census-date rule a county whose census
    /// snapshot for that date is signed off is paid from the snapshot's frozen pupils (DOMAIN.md §5).
    public func funding(schoolsIn scope: Scope, term: Term, proRata: (String) -> Bool) throws -> [String: Allocation] {
        let census = term.starts
        let termDays = Int64(term.ends.daysSinceEpoch - term.starts.daysSinceEpoch + 1)
        return try database.read { connection in
            let book = RateBook(try ProgrammeRepository(connection).rates())
            func termFen(grade: Int, boarder: Bool, special: Bool, province: String) -> Int64 {
                let base = special ? book.fen("funding_special", province: province, on: census)
                    : book.fen(grade <= 6 ? "funding_primary" : "funding_junior", province: province, on: census)
                return ((base ?? 0) + (boarder ? (book.fen("funding_boarder", province: province, on: census) ?? 0) : 0)) / 2
            }
            let frozen = try CensusRepository(connection).frozenPupils(schoolsIn: ScopeFilter(scope), on: census)
                .filter { $0.grade >= 1 && $0.grade <= 9 && !proRata(String($0.county.prefix(2))) }
            let frozenCounties = Set(frozen.map(\.county))
            var out: [String: Allocation] = [:]
            for pupil in frozen {
                let share = termFen(grade: pupil.grade, boarder: pupil.boarder, special: pupil.special, province: String(pupil.county.prefix(2)))
                out[pupil.school, default: Allocation()].add(pupil.pupil, boarder: pupil.boarder, special: pupil.special, frozen: true, fen: share)
            }
            for stay in try ProgrammeRepository(connection).fundedStays(schoolsIn: ScopeFilter(scope), from: term.starts, to: term.ends) {
                let province = String(stay.county.prefix(2))
                let full = termFen(grade: stay.grade, boarder: stay.boarder, special: stay.special, province: province)
                let share: Int64
                if proRata(province) {
                    let first = max(stay.entry, term.starts), last = min(stay.exit.map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch - 1) } ?? term.ends, term.ends)
                    let days = Int64(last.daysSinceEpoch - first.daysSinceEpoch + 1)
                    guard days > 0 else { continue }
                    share = (full * days + termDays / 2) / termDays
                } else {
                    guard !frozenCounties.contains(stay.county) else { continue }
                    guard stay.entry <= census && (stay.exit.map { $0 > census } ?? true) else { continue }
                    share = full
                }
                out[stay.school, default: Allocation()].add(stay.pupil, boarder: stay.boarder, special: stay.special, frozen: false, fen: share)
            }
            return out
        }
    }
}
