/// Cohort-survival projection of enrolment (DOMAIN.md §5 "Planning"): from the head counts by grade
/// on the stock dates of past school years, the share of each grade that reaches the next grade a
/// year later (its progression ratio), applied year after year; entrants to grade 1 follow the
/// recent average. Nothing is projected for a grade whose ratio cannot be known.
public struct CohortProjection: Sendable, Equatable {
    /// counts[i][g-1]: pupils in grade g on the stock date of history year i (oldest first).
    public let history: [[Int]]
    /// ratios[g-1]: grade g → g+1 (nil: no pupils in grade g in the years before a next year).
    public let ratios: [Double?]
    public let entrants: Int
    /// projected[k][g-1]: grade g, k+1 years after the last history year (nil: unknown).
    public let projected: [[Int?]]

    public enum Failure: Error, Equatable { case insufficientHistory(years: Int) }

    public init(history: [[Int]], years: Int = 5) throws {
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
        let firstGrade = history.map { $0[0] }
        entrants = Int((Double(firstGrade.reduce(0, +)) / Double(firstGrade.count)).rounded())
        var current: [Int?] = history.last!.map { Optional($0) }
        var projected: [[Int?]] = []
        for _ in 0..<years {
            var next: [Int?] = Array(repeating: nil, count: grades)
            next[0] = entrants
            for g in 1..<grades {
                if let before = current[g - 1], let ratio = ratios[g - 1] { next[g] = Int((Double(before) * ratio).rounded()) }
            }
            projected.append(next)
            current = next
        }
        self.projected = projected
    }
}
