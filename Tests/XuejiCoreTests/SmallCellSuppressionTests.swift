import Testing
import XuejiCore

@Suite struct SmallCellSuppressionTests {
    /// No row or column of the result may hold exactly one hidden cell, and every small cell is hidden.
    static func wellFormed(_ input: [[Int]], _ output: [[Int?]]) -> Bool {
        for (r, row) in input.enumerated() {
            for (c, value) in row.enumerated() {
                if SmallCellSuppression.isSmall(value) && output[r][c] != nil { return false }
                if let shown = output[r][c], shown != value { return false }
            }
        }
        let columns = input.first?.count ?? 0
        if input.count > 1 && (0..<columns).contains(where: { c in output.filter { $0[c] == nil }.count == 1 }) { return false }
        if columns > 1 && output.contains(where: { $0.filter { $0 == nil }.count == 1 }) { return false }
        return true
    }

    @Test func hidesSmallCellsAndOneMoreBesideEach() {
        let table = [[120, 3], [80, 90], [7, 60]]
        let out = SmallCellSuppression.apply(table)
        #expect(out[0][1] == nil, "3 pupils is a small cell")
        #expect(out[0][0] == nil, "the row's only other cell is hidden too, or the row total gives the 3 away")
        #expect(Self.wellFormed(table, out))
        #expect(out[1] == [80, 90], "a row without small cells is unchanged")
    }

    @Test func zeroIsShownAndLargeTablesStayMostlyVisible() {
        let table = [[0, 0], [50, 60], [55, 65]]
        #expect(SmallCellSuppression.apply(table) == [[0, 0], [50, 60], [55, 65]])
        #expect(SmallCellSuppression.total(4) == nil && SmallCellSuppression.total(5) == 5 && SmallCellSuppression.total(0) == 0)
    }

    @Test func everyRandomTableComesOutWellFormed() {
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for _ in 0..<500 {
            let rows = 1 + next() % 8, columns = 1 + next() % 5
            let table = (0..<rows).map { _ in (0..<columns).map { _ in next() % 3 == 0 ? next() % 6 : next() % 200 } }
            #expect(Self.wellFormed(table, SmallCellSuppression.apply(table)), "\(table)")
        }
    }
}

@Suite struct CohortProjectionTests {
    @Test func ratiosAndEntrantsCarryCohortsForward() throws {
        // Three grades, three years: 100 → 90 → 81 of one cohort (ratio 0.9), entrants 100, 110, 120.
        let history = [[100, 90, 80] + Array(repeating: 0, count: 9),
                       [110, 90, 81] + Array(repeating: 0, count: 9),
                       [120, 99, 81] + Array(repeating: 0, count: 9)]
        let p = try CohortProjection(history: history, years: 2)
        #expect(p.ratios[0] == Double(90 + 99) / Double(100 + 110), "grade 1 → 2 over both year pairs")
        #expect(p.ratios[1] == Double(81 + 81) / Double(90 + 90))
        #expect(p.ratios[2] == 0, "grade 3 had pupils and none reached grade 4: the ratio is known, and it is zero")
        #expect(p.ratios[3] == nil, "no grade 4 pupils ever: grade 4 → 5 is unknown, not zero")
        #expect(p.entrants == 110, "entrants follow the recent average")
        #expect(p.projected[0][0] == 110 && p.projected[0][1] == Int((120 * p.ratios[0]!).rounded()) && p.projected[0][2] == Int((99 * 0.9).rounded()))
        #expect(p.projected[0][3] == 0 && p.projected[0][4] == nil, "nothing is invented for a grade whose ratio is unknown")
    }

    @Test func oneYearOfDataIsRefused() {
        let one = [Array(repeating: 0, count: 12), Array(repeating: 0, count: 12), [30] + Array(repeating: 0, count: 11)]
        #expect(throws: CohortProjection.Failure.insufficientHistory(years: 1)) { try CohortProjection(history: one) }
    }
}
