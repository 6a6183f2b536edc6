/// Cohort-survival projection of enrolment (DOMAIN.md §5 "Planning"): from the head counts by grade
/// on the stock dates of past school years, the share of each grade that reaches the next grade a
/// year later (its progression ratio), applied year after year. Entrants to grade 1 come from the
/// births (or age cohort) of the year six years before, times the share of a birth year that
/// entered the county's schools in the history; where no births are known, from the recent trend
/// of grade 1. Nothing is projected for a grade whose ratio cannot be known.
public struct CohortProjection: Sendable, Equatable {
    /// counts[i][g-1]: pupils in grade g on the stock date of history year i (oldest first).
    public let history: [[Int]]
    /// ratios[g-1]: grade g → g+1 (nil: no pupils in grade g in the years before a next year).
    public let ratios: [Double?]
    /// entrants[k]: grade 1, k+1 years after the last history year, and where the figure came from.
    public let entrants: [Int]
    public let entrantSources: [EntrantSource]
    /// Grade-1 entrants over the births of their cohort in the history years (nil: no history year
    /// had both; then a known birth cohort is taken to enter whole).
    public let entryRatio: Double?
    /// projected[k][g-1]: grade g, k+1 years after the last history year (nil: unknown).
    public let projected: [[Int?]]
    /// Entrants to grade 1 in the school year starting in September of Y were born in Y − 6.
    public static let entryAge = 6

    public enum EntrantSource: String, Sendable, Equatable { case births, trend }

    public enum Failure: Error, Equatable { case insufficientHistory(years: Int) }

    /// `baseYear` is the school year of the last history row; `births[y]` the children born in y
    /// (or of that age cohort) in the county.
    public init(history: [[Int]], years: Int = 5, baseYear: Int = 0, births: [Int: Int] = [:]) throws {
        let withPupils = history.filter { $0.contains { $0 > 0 } }.count
        guard history.count >= 2, withPupils >= 2 else { throw Failure.insufficientHistory(years: withPupils) }
        let grades = history[0].count
        self.history = history
        var ratios: [Double?] = Array(repeating: nil, count: grades)
        for g in 0..<(grades - 1) {
            var from = 0, to = 0
            for y in 0..<(history.count - 1) where history[y][g] > 0 {
                from += history[y][g]
                to += history[y + 1][g + 1]
            }
            if from > 0 { ratios[g] = Double(to) / Double(from) }
        }
        self.ratios = ratios
        // The recent trend of grade 1: the average change a year over the years with pupils, carried on.
        let observed = Array(history.drop { !$0.contains { $0 > 0 } }.map { $0[0] })
        let slope = observed.count > 1 ? Double(observed.last! - observed.first!) / Double(observed.count - 1) : 0
        // The share of a birth cohort that entered grade 1 here, over the history years that have both.
        var entered = 0, born = 0
        for (i, row) in history.enumerated() {
            let schoolYear = baseYear - (history.count - 1 - i)
            if let b = births[schoolYear - Self.entryAge], b > 0, row.contains(where: { $0 > 0 }) { entered += row[0]; born += b }
        }
        entryRatio = born > 0 ? Double(entered) / Double(born) : nil
        var entrants: [Int] = [], sources: [EntrantSource] = []
        for k in 1...max(years, 1) {
            if let b = births[baseYear + k - Self.entryAge] {
                entrants.append(Int((Double(b) * (entryRatio ?? 1)).rounded()))
                sources.append(.births)
            } else {
                entrants.append(max(0, Int((Double(observed.last!) + Double(k) * slope).rounded())))
                sources.append(.trend)
            }
        }
        self.entrants = entrants
        entrantSources = sources
        var current: [Int?] = history.last!.map { Optional($0) }
        var projected: [[Int?]] = []
        for k in 0..<years {
            var next: [Int?] = Array(repeating: nil, count: grades)
            next[0] = entrants[k]
            for g in 1..<grades {
                if let before = current[g - 1], let ratio = ratios[g - 1] { next[g] = Int((Double(before) * ratio).rounded()) }
            }
            projected.append(next)
            current = next
        }
        self.projected = projected
    }
}
