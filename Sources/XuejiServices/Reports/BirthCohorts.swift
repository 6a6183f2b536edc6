import Foundation
import XuejiCore
import XuejiStore

/// Births (or the age cohort) per county and year, as the bureau gets them from the health or
/// public-security statistics: the entrants of the enrolment projection (docs/programmes.md
/// "Enrolment projections"). A list is read, checked row by row, and its good rows written in one
/// transaction; a county-year already known is replaced, and the audit log keeps the old figure.
public struct BirthCohorts: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public var rows = 0
        public var recorded = 0
        public var replaced = 0
        public var rejected: [(row: Int, column: String, code: String, message: LocalizedText)] = []
    }

    static let writers: Set<Role> = [.systemAdmin, .bureauAdmin, .bureauReviewer]

    public func importList(_ bytes: [UInt8], by actor: Actor) throws -> Outcome {
        guard Self.writers.contains(actor.role) else { throw DomainError.forbidden }
        return try TemporaryFile.with(bytes) { url in
            let file = try ImportFile(url: url, template: false)
            let written = file.header.written.map(\.trimmedBlanks)
            let countyColumn = try file.column(["县级行政区划代码", "行政区划代码", "区划代码", "county"], label: "县级行政区划代码 / county")
            let yearColumn = try file.column(["出生年份", "年份", "birth_year"], label: "出生年份 / birth_year")
            let childrenColumn = try file.column(["出生人数", "人数", "children"], label: "出生人数 / children")
            var outcome = Outcome()
            var good: [(county: String, year: Int, children: Int)] = []
            var seen: Set<String> = []
            let thisYear = clock.today.year
            let now = clock.now()
            try database.write { connection in
                let regions = RegionRepository(connection)
                try file.forEachRow { row, cells, _, _ in
                    outcome.rows += 1
                    let cell = { (i: Int) in i < cells.count ? cells[i].trimmedBlanks : "" }
                    func reject(_ column: Int, _ code: String, _ zh: String, _ en: String) {
                        outcome.rejected.append((row, written[column], code, LocalizedText(zh: zh, en: en)))
                    }
                    let county = cell(countyColumn)
                    // A county outside the writer's scope reads as unknown: the answer does not say more.
                    guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county, actor.scope.contains(division: code),
                          try regions.get(code) != nil else {
                        reject(countyColumn, "unknown_county", "没有这个县级行政区划代码（或不在本辖区）。", "No such county code in your scope."); return true
                    }
                    guard let year = Int(cell(yearColumn)), (1990...thisYear).contains(year) else {
                        reject(yearColumn, "invalid_year", "出生年份为1990年至今年之间的四位数。", "The birth year is a four-digit year from 1990 to this year."); return true
                    }
                    guard let children = Int(cell(childrenColumn)), (0...10_000_000).contains(children) else {
                        reject(childrenColumn, "invalid_count", "出生人数须为不小于0的整数。", "The number of children must be a whole number of 0 or more."); return true
                    }
                    guard seen.insert("\(county)-\(year)").inserted else {
                        reject(yearColumn, "duplicate_row", "同一县同一年份在本表中出现两次。", "The same county and year appear twice in this list."); return true
                    }
                    good.append((county, year, children))
                    return true
                }
                let births = BirthCohortRepository(connection)
                for entry in good {
                    if let before = try births.put(county: entry.county, birthYear: entry.year, children: entry.children, by: actor.userID, now: now) {
                        outcome.replaced += 1
                        try audit.record(connection, actor: actor, action: "births.replace", subject: "\(entry.county)@\(entry.year)",
                                         before: "{\"children\":\(before)}", after: "{\"children\":\(entry.children)}", now: now)
                    }
                    outcome.recorded += 1
                }
                try audit.record(connection, actor: actor, action: "births.import", subject: actor.scope.description,
                                 after: "{\"rows\":\(outcome.rows),\"recorded\":\(outcome.recorded),\"replaced\":\(outcome.replaced)}", now: now)
            }
            return outcome
        }
    }

    /// The county's births by year (aggregate figures: every role whose scope holds the county).
    public func births(county: String, by actor: Actor) throws -> [Int: Int] {
        guard let code = DivisionCode(county), county.utf8.count == 6, code.level == .county, actor.scope.contains(division: code) else {
            throw DomainError.notFound(LocalizedText(zh: "该县", en: "county"))
        }
        return try database.read { try BirthCohortRepository($0).births(county: county) }
    }
}
