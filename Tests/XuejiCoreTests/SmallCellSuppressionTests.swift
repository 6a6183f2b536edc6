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
