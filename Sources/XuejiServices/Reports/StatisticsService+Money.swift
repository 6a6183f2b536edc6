import Foundation
import XuejiCore
import XuejiStore

/// The money reports (issue 9; docs/programmes.md): the nutrition plan's claims, per-pupil funding,
/// and aid paid out against the ledger.
extension StatisticsService {
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
}
