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
