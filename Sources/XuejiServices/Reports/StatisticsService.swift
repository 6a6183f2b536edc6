import Foundation
import XuejiCore
import XuejiStore

/// The aggregate figures of a scope: enrolment by grade and sex, changes waiting by age, changes
/// filed by month. They feed the dashboard's charts and `GET /api/v1/reports/{name}`. Every figure
/// is computed inside the reader's scope; analysts get small cells hidden (`SmallCellSuppression`).
public struct StatisticsService: Sendable {
    let database: any Database
    let clock: Clock

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// A table of rows × columns with its totals; nil is a hidden cell.
    public struct Table: Sendable {
        public let rowLabels: [String]
        public let columnLabels: [String]
        public let cells: [[Int?]]
        public let rowTotals: [Int?]
        public let columnTotals: [Int?]
        public let total: Int?
        public let suppressed: Bool
        /// False when a row's cells are not parts of one whole (overlapping counts): then no row
        /// totals and no grand total are given, only column totals.
        public var additiveRows = true
    }

    /// Pupils in school by grade (rows) and sex (columns, 1 male, 2 female), today or on `asOf`.
    public func enrolment(in requested: Scope?, asOf: CivilDate?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let cells = try database.read { connection in
            let statistics = StatisticsRepository(connection)
            if let asOf, asOf != clock.today { return try statistics.enrolment(ScopeFilter(scope), on: asOf) }
            return try statistics.enrolment(ScopeFilter(scope))
        }
        let grades = Array(Set(cells.map(\.grade))).sorted(), sexes = ["1", "2"]
        var counts = grades.map { _ in sexes.map { _ in 0 } }
        for cell in cells {
            guard let r = grades.firstIndex(of: cell.grade), let c = sexes.firstIndex(of: cell.sex) else { continue }
            counts[r][c] += cell.pupils
        }
        return table(rows: grades.map(String.init), columns: sexes, counts: counts, actor: actor)
    }

    /// Registrations waiting for approval in the reader's scope (the reviewers' dashboard card).
    public func pendingRegistrations(by actor: Actor) throws -> Int {
        try database.read { try StatisticsRepository($0).pendingRegistrations(ScopeFilter(actor.scope)) }
    }

    /// The age buckets of waiting changes, in calendar days since filing.
    public static let ageBuckets: [(label: String, upTo: Int)] = [("0–2", 2), ("3–5", 5), ("6–10", 10), ("11–20", 20), (">20", Int.max)]

    /// Changes waiting for a decision, by how long ago they were filed (one row).
    public func pendingChangesByAge(in requested: Scope?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let now = clock.now()
        let filed = try database.read { try StatisticsRepository($0).changesFiled(ScopeFilter(scope), pendingOnly: true, since: 0) }
        var counts = Self.ageBuckets.map { _ in 0 }
        for at in filed {
            let days = Int((now - at) / 86_400_000)
            counts[Self.ageBuckets.firstIndex { days <= $0.upTo } ?? (counts.count - 1)] += 1
        }
        return table(rows: ["pending"], columns: Self.ageBuckets.map(\.label), counts: [counts], actor: actor)
    }

    /// Changes filed in each of the last twelve months, this one included (Beijing time).
    public func changesByMonth(in requested: Scope?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let today = clock.today
        var months: [(year: Int, month: Int)] = []
        var (y, m) = (today.year, today.month)
        for _ in 0..<12 {
            months.insert((y, m), at: 0)
            (y, m) = m == 1 ? (y - 1, 12) : (y, m - 1)
        }
        let first = CivilDate(year: months[0].year, month: months[0].month, day: 1)!
        let since = Int64(first.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000
        let filed = try database.read { try StatisticsRepository($0).changesFiled(ScopeFilter(scope), pendingOnly: false, since: since) }
        var counts = months.map { _ in 0 }
        for at in filed {
            let day = CivilDate(daysSinceEpoch: Int((at + 8 * 3_600_000) / 86_400_000))
            if let i = months.firstIndex(where: { $0.year == day.year && $0.month == day.month }) { counts[i] += 1 }
        }
        let labels = months.map { String(format: "%04d-%02d", $0.year, $0.month) }
        return table(rows: ["filed"], columns: labels, counts: [counts], actor: actor)
    }

    /// Migrant pupils by origin (rows: the household place's province, or county with `byCounty`) and
    /// destination (columns: the school's county).
    public func migrantFlows(in requested: Scope?, byCounty: Bool, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let flows = try database.read { try StatisticsRepository($0).migrantFlows(ScopeFilter(scope), originDigits: byCounty ? 6 : 2) }
        let origins = Array(Set(flows.map(\.origin))).sorted(), destinations = Array(Set(flows.map(\.destination))).sorted()
        var counts = origins.map { _ in destinations.map { _ in 0 } }
        for f in flows {
            guard let r = origins.firstIndex(of: f.origin), let c = destinations.firstIndex(of: f.destination) else { continue }
            counts[r][c] += f.pupils
        }
        return table(rows: origins, columns: destinations, counts: counts, actor: actor)
    }

    /// The nutrition plan's claims of a month per school (docs/programmes.md): pupils fed, meal-days,
    /// the amount in fen, and its central and local shares. The row's figures are of different
    /// kinds, so rows have no totals.
    public func mealClaims(in requested: Scope?, year: Int, month: Int, byCounty: Bool = false, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        var claims = try ProgrammeService(database: database, clock: clock).mealClaims(schoolsIn: scope, year: year, month: month)
        if byCounty {
            // The county's claim is its schools' claims added up (a pupil who moved between two of
            // its schools in the month is one pupil fed).
            var counties: [String: ProgrammeService.MealClaim] = [:]
            for claim in claims.values {
                counties[claim.county, default: ProgrammeService.MealClaim()].county = claim.county
                counties[claim.county]!.pupils.formUnion(claim.pupils)
                counties[claim.county]!.mealDays += claim.mealDays
                counties[claim.county]!.fen += claim.fen
                counties[claim.county]!.centralFen += claim.centralFen
            }
            claims = counties
        }
        let schools = claims.keys.sorted()
        let counts = schools.map { s -> [Int] in
            let c = claims[s]!
            return [c.pupils.count, c.mealDays, Int(c.fen), Int(c.centralFen), Int(c.fen - c.centralFen)]
        }
        var result = table(rows: schools, columns: ["pupils", "meal_days", "amount_fen", "central_fen", "local_fen"], counts: counts, actor: actor)
        result.additiveRows = false
        return result
    }

    /// Per-pupil funding of a term per school (or county): pupils, boarders, special-education pupils
    /// and the amount in fen, by each province's rule (census date or pro rata).
    public func funding(in requested: Scope?, schoolYear: Int, term: Int, byCounty: Bool, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let province: String
        switch scope {
        case .division(let d): province = d == .nation ? "00" : d.province
        case .school(let code):
            province = try database.read { try AttendanceRepository($0).school(code.rawValue, scope: .school(code))?.region.province } ?? "00"
        }
        guard let found = try database.read({ connection in
            try AttendanceRepository(connection).terms(province: province).first { $0.schoolYear == schoolYear && $0.term == term }
        }) else {
            throw DomainError.validation([FieldError(field: "term", code: "unknown_term", message: LocalizedText(zh: "没有这个学期。", en: "No such term."))])
        }
        var proRata: [String: Bool] = [:]
        let allocations = try ProgrammeService(database: database, clock: clock).funding(schoolsIn: scope, term: found) { p in
            if let known = proRata[p] { return known }
            let value = (try? database.read { try FundingRules(overrides: SettingsRepository($0).values(province: p)).proRata }) ?? false
            proRata[p] = value
            return value
        }
        var grouped: [String: Allocation] = [:]
        for (school, a) in allocations {
            let key = byCounty ? (try database.read { try AttendanceRepository($0).school(school, scope: .division(prefix: ""))?.region.rawValue } ?? school) : school
            grouped[key, default: Allocation()].merge(a)
        }
        let keys = grouped.keys.sorted()
        var result = table(rows: keys, columns: ["pupils", "boarders", "special_education", "amount_fen", "from_snapshot"],
                           counts: keys.map { let a = grouped[$0]!; return [a.pupils.count, a.boarders.count, a.special.count, Int(a.fen), a.frozen.count] }, actor: actor)
        result.additiveRows = false
        return result
    }

    public typealias Allocation = ProgrammeService.Allocation

    /// A county's projection (docs/programmes.md "Enrolment projections"): the last three stock dates
    /// (1 September) of history, five years ahead, and its capacity (classes × 45) against demand.
    public struct Projection: Sendable {
        public let baseYear: Int
        public let model: CohortProjection
        public let capacity: Int
        public var demand: [Int] { model.projected.map { $0.compactMap { $0 }.reduce(0, +) } }
    }

    public static let classPlaces = 45

    public func projection(county: String, by actor: Actor) throws -> Projection {
        guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county else {
            throw DomainError.notFound(LocalizedText(zh: "该县", en: "county"))
        }
        _ = try allowed(.division(code), actor)
        let today = clock.today
        let base = today.month >= 9 ? today.year : today.year - 1
        let years = [base - 2, base - 1, base]
        let (history, classes, births) = try database.read { connection -> ([[Int]], Int, [Int: Int]) in
            let statistics = StatisticsRepository(connection)
            let counts = try years.map { try statistics.countyGrades(county, on: CivilDate(year: $0, month: 9, day: 1)!) }
            return (counts.map { c in (1...12).map { c[$0] ?? 0 } }, try statistics.countyClasses(county), try BirthCohortRepository(connection).births(county: county))
        }
        do {
            return Projection(baseYear: base, model: try CohortProjection(history: history, baseYear: base, births: births), capacity: classes * Self.classPlaces)
        } catch CohortProjection.Failure.insufficientHistory(let n) {
            throw DomainError(.invalid, code: "insufficient_history",
                              message: LocalizedText(zh: "该县只有 \(n) 个学年的学籍数据，至少需要两个学年才能推算，不作估计。",
                                                     en: "The county has \(n) school year(s) of records; a projection needs at least two, so none is made."))
        }
    }

    /// Every county of the scope projected at once (one pass over the memberships per stock date):
    /// the counties with enough history, their capacity, demand in each of the five years and the
    /// first year demand passes capacity; and the counties without enough history, not projected.
    public func capacityOutlook(in requested: Scope?, by actor: Actor) throws -> (baseYear: Int, counties: [(county: String, projection: Projection)], unprojected: [String]) {
        let scope = try allowed(requested, actor)
        let today = clock.today
        let base = today.month >= 9 ? today.year : today.year - 1
        let prefix: String
        switch scope {
        case .division(let d): prefix = d.subtreePrefix
        case .school: throw DomainError.forbidden
        }
        let (history, classes, births) = try database.read { connection in
            let statistics = StatisticsRepository(connection)
            let history = try [base - 2, base - 1, base].map { try statistics.gradesByCounty(ScopeFilter(scope), on: CivilDate(year: $0, month: 9, day: 1)!) }
            return (history, try statistics.classesByCounty(ScopeFilter(scope)), try BirthCohortRepository(connection).births(countiesUnder: prefix))
        }
        var counties: [(String, Projection)] = [], unprojected: [String] = []
        for county in Set(history.flatMap(\.keys)).union(classes.keys).sorted() {
            let rows = history.map { year in (1...12).map { year[county]?[$0] ?? 0 } }
            if let model = try? CohortProjection(history: rows, baseYear: base, births: births[county] ?? [:]) {
                counties.append((county, Projection(baseYear: base, model: model, capacity: (classes[county] ?? 0) * Self.classPlaces)))
            } else {
                unprojected.append(county)
            }
        }
        return (base, counties, unprojected)
    }

    /// The outlook as a report: per county, capacity, demand in each projected year, and the first
    /// year short of places (0 when none).
    public func capacityOutlookTable(in requested: Scope?, by actor: Actor) throws -> Table {
        capacityOutlookTable(try capacityOutlook(in: requested, by: actor), by: actor)
    }

    public func capacityOutlookTable(_ outlook: (baseYear: Int, counties: [(county: String, projection: Projection)], unprojected: [String]), by actor: Actor) -> Table {
        let years = (1...5).map { String(outlook.baseYear + $0) }
        var result = table(rows: outlook.counties.map(\.county), columns: ["capacity"] + years + ["first_short_year"],
                           counts: outlook.counties.map { c in
                               let demand = c.projection.demand
                               let short = demand.firstIndex { $0 > c.projection.capacity }.map { outlook.baseYear + $0 + 1 } ?? 0
                               return [c.projection.capacity] + demand + [short]
                           }, actor: actor)
        result.additiveRows = false
        return result
    }

    /// The projection as a report: rows the grades, columns the base year and the five after it.
    public func projectionTable(county: String, by actor: Actor) throws -> Table {
        let p = try projection(county: county, by: actor)
        let grades = (0..<12).filter { g in p.model.history.contains { $0[g] > 0 } || p.model.projected.contains { ($0[g] ?? 0) > 0 } }
        let columns = (0...p.model.projected.count).map { String(p.baseYear + $0) }
        let counts = grades.map { g in [p.model.history.last![g]] + p.model.projected.map { $0[g] ?? 0 } }
        var result = table(rows: grades.map { String($0 + 1) }, columns: columns, counts: counts, actor: actor)
        result.additiveRows = false
        return result
    }

    /// Aid paid out in a term per school: awards and amount in fen, month by month where the pupil was.
    public func aidDisbursement(in requested: Scope?, schoolYear: Int, term: Int, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let out = try AidService(database: database, clock: clock).disbursement(schoolsIn: scope, schoolYear: schoolYear, term: term)
        let schools = out.keys.sorted()
        var result = table(rows: schools, columns: ["awards", "amount_fen"], counts: schools.map { [out[$0]!.awards.count, Int(out[$0]!.fen)] }, actor: actor)
        result.additiveRows = false
        return result
    }

    /// The aid ledger against the awards per school (docs/programmes.md "Financial aid"): awards owed
    /// something, due, paid and paid − due in fen, for the term or one month of it.
    public func aidReconciliation(in requested: Scope?, schoolYear: Int, term: Int, month: String?, programme: String?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let lines = try AidLedger(database: database, clock: clock).reconciliation(schoolsIn: scope, schoolYear: schoolYear, term: term, month: month, programme: programme)
        let schools = lines.keys.sorted()
        var result = table(rows: schools, columns: ["awards", "due_fen", "paid_fen", "difference_fen"],
                           counts: schools.map { let l = lines[$0]!; return [l.awards, Int(l.dueFen), Int(l.paidFen), Int(l.differenceFen)] }, actor: actor)
        result.additiveRows = false
        return result
    }

    /// Schools by size per county (DOMAIN.md §5): up to 1,000 pupils, 1,001–2,000, 2,001–3,000, more
    /// than 3,000, and of those the senior schools (super-large above 3,000). Cells count schools.
    public func schoolSizes(in requested: Scope?, asOf: CivilDate?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let schools = try database.read { try StatisticsRepository($0).schoolSizes(ScopeFilter(scope), on: asOf == clock.today ? nil : asOf) }
        let counties = Array(Set(schools.map(\.county))).sorted()
        var counts = counties.map { _ in [0, 0, 0, 0, 0] }
        let seniorTypes: Set<String> = ["senior", "complete_secondary", "twelve_year"]
        for s in schools where s.pupils > 0 {
            guard let i = counties.firstIndex(of: s.county) else { continue }
            counts[i][s.pupils <= 1000 ? 0 : s.pupils <= 2000 ? 1 : s.pupils <= ClassSizeBands.superLargeSeniorSchool ? 2 : 3] += 1
            if seniorTypes.contains(s.type) && s.pupils > ClassSizeBands.superLargeSeniorSchool { counts[i][4] += 1 }
        }
        var result = table(rows: counties, columns: ["up_to_1000", "1001_2000", "2001_3000", "over_3000", "super_large_senior"],
                           counts: counts, actor: actor, countsPupils: false)
        result.additiveRows = false   // the last column is part of the one before it
        return result
    }

    /// Migrant pupils per school: all, from another province, with an agricultural household.
    public func migrantsBySchool(in requested: Scope?, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let rows = try database.read { try StatisticsRepository($0).migrantsBySchool(ScopeFilter(scope)) }
        var result = table(rows: rows.map(\.school), columns: ["migrants", "other_province", "agricultural_hukou"],
                           counts: rows.map { [$0.migrants, $0.otherProvince, $0.agricultural] }, actor: actor)
        result.additiveRows = false   // the second and third columns are parts of the first
        return result
    }

    /// The monthly county report of dropout control (DOMAIN.md §5): per county, new cases in the month,
    /// pupils persuaded back, dropouts confirmed, and cases still out at the month's end.
    public func dropoutMonthly(in requested: Scope?, year: Int, month: Int, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        guard let first = CivilDate(year: year, month: month, day: 1) else { throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))]) }
        let next = month == 12 ? CivilDate(year: year + 1, month: 1, day: 1)! : CivilDate(year: year, month: month + 1, day: 1)!
        let ms = { (d: CivilDate) in Int64(d.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000 }
        let rows = try database.read { try AlertRepository($0).monthly(ScopeFilter(scope), from: ms(first), to: ms(next)) }
        return table(rows: rows.map(\.county), columns: ["new", "returned", "confirmed_dropout", "still_out"],
                     counts: rows.map { [$0.opened, $0.returned, $0.confirmed, $0.stillOut] }, actor: actor)
    }

    /// Left-behind children by county (DOMAIN.md §5): flagged in the registry (its 3-month definition),
    /// away 6 months or more by their record (the statistics' definition), with a living record, and
    /// without a contact in the province's number of days. The two definitions side by side show
    /// why the registry's count is the larger one.
    public func leftBehind(in requested: Scope?, bySchool: Bool = false, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let today = clock.today
        let sixMonthsAgo = today.adding(months: -6)
        let rows = try database.read { connection -> [(String, Bool, Bool, Bool)] in
            let settings = SettingsRepository(connection)
            var limits: [String: Int] = [:]
            return try LeftBehindRepository(connection).lastContacts(ScopeFilter(scope)).map { c in
                if limits[c.province] == nil { limits[c.province] = DropoutRules(overrides: try settings.values(province: c.province)).leftBehindContactDays }
                let sixMonths = c.awaySince.map { $0 <= sixMonthsAgo } ?? false
                let quiet = c.lastContact.map { today.daysSinceEpoch - $0.daysSinceEpoch > limits[c.province]! } ?? true
                return (bySchool ? c.school : c.county, sixMonths, c.awaySince != nil, quiet)
            }
        }
        let counties = Array(Set(rows.map(\.0))).sorted()
        var counts = counties.map { _ in [0, 0, 0, 0] }
        for (county, six, recorded, quiet) in rows {
            guard let i = counties.firstIndex(of: county) else { continue }
            counts[i][0] += 1
            if six { counts[i][1] += 1 }
            if recorded { counts[i][2] += 1 }
            if quiet { counts[i][3] += 1 }
        }
        // The columns overlap (a child counts in several), so rows have no totals: per column only.
        var result = table(rows: counties, columns: ["registry_3_months", "statistics_6_months", "with_record", "no_recent_contact"], counts: counts, actor: actor)
        result.additiveRows = false
        return result
    }

    /// The scope to count: the reader's own, or a part of it named by the request (else 404, as for
    /// a pupil outside the scope).
    func allowed(_ requested: Scope?, _ actor: Actor) throws -> Scope {
        guard let requested else { return actor.scope }
        guard try ScopeCheck(database: database).contains(actor.scope, requested) else {
            throw DomainError.notFound(LocalizedText(zh: "该地区或学校", en: "region or school"))
        }
        return requested
    }

    /// Classes by size band (DOMAIN.md §5), per county or (`bySchool`) per school, now or on a past
    /// date. The cells count classes, not pupils, so nothing is hidden from analysts.
    public func classSizes(in requested: Scope?, asOf: CivilDate?, bySchool: Bool, by actor: Actor) throws -> Table {
        let scope = try allowed(requested, actor)
        let classes = try database.read { try StatisticsRepository($0).classSizes(ScopeFilter(scope), on: asOf == clock.today ? nil : asOf) }
        let keys = Array(Set(classes.map { bySchool ? $0.school : $0.county })).sorted()
        var counts = keys.map { _ in ClassSizeBands.bands.map { _ in 0 } }
        for c in classes {
            guard let i = keys.firstIndex(of: bySchool ? c.school : c.county) else { continue }
            counts[i][ClassSizeBands.band(c.pupils)] += 1
        }
        return table(rows: keys, columns: ClassSizeBands.bands.map(\.code), counts: counts, actor: actor, countsPupils: false)
    }

    /// Each county of the scope against its province's class-size targets (docs/programmes.md
    /// "Class sizes"), with the schools that push it over; now, or on `asOf` from the memberships.
    public func classSizeTargets(in requested: Scope?, asOf: CivilDate?, by actor: Actor) throws -> [(county: String, targets: ClassSizeTargets, assessment: ClassSizeTargets.Assessment)] {
        let scope = try allowed(requested, actor)
        let (classes, settings) = try database.read { connection in
            let classes = try StatisticsRepository(connection).classSizes(ScopeFilter(scope), on: asOf == clock.today ? nil : asOf)
            var settings: [String: ClassSizeTargets] = [:]
            for province in Set(classes.map { String($0.county.prefix(2)) }) {
                settings[province] = ClassSizeTargets(overrides: try SettingsRepository(connection).values(province: province))
            }
            return (classes, settings)
        }
        var bySchool: [String: [String: (classes: Int, large: Int, superLarge: Int)]] = [:]
        for c in classes {
            var school = bySchool[c.county, default: [:]][c.school] ?? (0, 0, 0)
            school.classes += 1
            if ClassSizeBands.isLarge(c.pupils) { school.large += 1 }
            if ClassSizeBands.band(c.pupils) == ClassSizeBands.bands.count - 1 { school.superLarge += 1 }
            bySchool[c.county, default: [:]][c.school] = school
        }
        return bySchool.keys.sorted().map { county in
            let targets = settings[String(county.prefix(2))] ?? ClassSizeTargets()
            let schools = bySchool[county]!.map { ClassSizeTargets.School(code: $0.key, classes: $0.value.classes, large: $0.value.large, superLarge: $0.value.superLarge) }
            return (county, targets, targets.assess(schools.sorted { $0.code < $1.code }))
        }
    }

    /// The targets as a report: per county, or (`bySchool`) the schools that push a county over.
    public func classSizeTargetsTable(in requested: Scope?, asOf: CivilDate?, bySchool: Bool, by actor: Actor) throws -> Table {
        let counties = try classSizeTargets(in: requested, asOf: asOf, by: actor)
        var result: Table
        if bySchool {
            let schools = counties.flatMap(\.assessment.pushing)
            result = table(rows: schools.map(\.code), columns: ["classes", "large", "super_large"], counts: schools.map { [$0.classes, $0.large, $0.superLarge] },
                           actor: actor, countsPupils: false)
        } else {
            result = table(rows: counties.map(\.county), columns: ["classes", "large", "super_large", "large_permille", "large_target_permille",
                                                                   "super_large_target_permille", "over_target", "schools_over"],
                           counts: counties.map { c in
                               let a = c.assessment
                               return [a.classes, a.large, a.superLarge, a.classes == 0 ? 0 : a.large * 1000 / a.classes, c.targets.largePermille,
                                       c.targets.superLargePermille, a.over ? 1 : 0, a.pushing.count]
                           }, actor: actor, countsPupils: false)
        }
        result.additiveRows = false
        return result
    }

    func table(rows: [String], columns: [String], counts: [[Int]], actor: Actor, countsPupils: Bool = true) -> Table {
        let rowTotals = counts.map { $0.reduce(0, +) }
        let columnTotals = columns.indices.map { c in counts.reduce(0) { $0 + $1[c] } }
        let total = rowTotals.reduce(0, +)
        guard actor.role == .analyst, countsPupils else {
            return Table(rowLabels: rows, columnLabels: columns, cells: counts.map { $0.map { Optional($0) } },
                         rowTotals: rowTotals, columnTotals: columnTotals, total: total, suppressed: false)
        }
        let cells = SmallCellSuppression.apply(counts)
        let hidden = cells.contains { $0.contains(nil) } || rowTotals.contains(where: SmallCellSuppression.isSmall)
            || columnTotals.contains(where: SmallCellSuppression.isSmall) || SmallCellSuppression.isSmall(total)
        return Table(rowLabels: rows, columnLabels: columns, cells: cells, rowTotals: rowTotals.map(SmallCellSuppression.total),
                     columnTotals: columnTotals.map(SmallCellSuppression.total), total: SmallCellSuppression.total(total), suppressed: hidden)
    }
}
