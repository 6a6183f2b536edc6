import Foundation
import XuejiCore
import XuejiStore

/// Enrolment projections and the places outlook (issue 9; docs/programmes.md "Enrolment projections").
extension StatisticsService {
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
        let base = SchoolTerm.stockDate(today).year
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
        let base = SchoolTerm.stockDate(today).year
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
}
