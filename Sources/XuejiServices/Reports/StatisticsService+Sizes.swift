import Foundation
import XuejiCore
import XuejiStore

/// Class and school sizes, and each county against its class-size targets (DOMAIN.md §5 "Class and
/// school size"; docs/programmes.md).
extension StatisticsService {
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
}
