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
        #expect(p.entrants == [130, 140] && p.entrantSources == [.trend, .trend], "no births known: grade 1 follows its trend, 10 more a year")
        #expect(p.projected[0][0] == 130 && p.projected[0][1] == Int((120 * p.ratios[0]!).rounded()) && p.projected[0][2] == Int((99 * 0.9).rounded()))
        #expect(p.projected[0][3] == 0 && p.projected[0][4] == nil, "nothing is invented for a grade whose ratio is unknown")
    }

    @Test func entrantsComeFromBirthsWhereKnown() throws {
        // History 2024–2026 (grade 1: 100, 110, 120) from births 2018–2020 of 200, 220, 240: half enter.
        let history = [[100] + Array(repeating: 0, count: 11), [110] + Array(repeating: 0, count: 11), [120] + Array(repeating: 0, count: 11)]
        let p = try CohortProjection(history: history, years: 3, baseYear: 2026, births: [2018: 200, 2019: 220, 2020: 240, 2021: 300, 2022: 180])
        #expect(p.entryRatio == 0.5)
        #expect(p.entrants == [150, 90, 150] && p.entrantSources == [.births, .births, .trend], "2027 from 2021's 300, 2028 from 2022's 180, 2029 unknown: the trend 120 + 3 × 10")
        let whole = try CohortProjection(history: history, years: 1, baseYear: 2026, births: [2021: 77])
        #expect(whole.entryRatio == nil && whole.entrants == [77], "no history year to compare: the cohort enters whole")
        let falling = try CohortProjection(history: [[30] + Array(repeating: 0, count: 11), [10] + Array(repeating: 0, count: 11)], years: 2)
        #expect(falling.entrants == [0, 0], "a falling trend stops at zero")
    }

    @Test func oneYearOfDataIsRefused() {
        let one = [Array(repeating: 0, count: 12), Array(repeating: 0, count: 12), [30] + Array(repeating: 0, count: 11)]
        #expect(throws: CohortProjection.Failure.insufficientHistory(years: 1)) { try CohortProjection(history: one) }
    }
}

@Suite struct ClassSizeTargetTests {
    @Test func theSchoolsThatPushACountyOverAreTheFewestWithTheMostLargeClasses() {
        let targets = ClassSizeTargets()   // at most 5 % large, no super-large
        // 100 classes, 8 large (2 of them super-large): 5 allowed, so 3 large classes too many.
        let schools = [ClassSizeTargets.School(code: "A", classes: 40, large: 4, superLarge: 0),
                       ClassSizeTargets.School(code: "B", classes: 30, large: 2, superLarge: 2),
                       ClassSizeTargets.School(code: "C", classes: 20, large: 2, superLarge: 0),
                       ClassSizeTargets.School(code: "D", classes: 10, large: 0, superLarge: 0)]
        let county = targets.assess(schools)
        #expect(county.over && county.large == 8 && county.superLarge == 2)
        #expect(county.pushing.map(\.code) == ["B", "A"], "B first (its super-large classes miss the zero target), then A brings 6 down to 2")
        var lenient = ClassSizeTargets(overrides: ["large_class_target_permille": "80", "super_large_class_target_permille": "20"])
        #expect(!lenient.assess(schools).over && lenient.assess(schools).pushing.isEmpty, "8 of 100 and 2 of 100 are within 8 % and 2 %")
        lenient.largePermille = 79
        #expect(lenient.assess(schools).pushing.map(\.code) == ["A"], "one large class too many: the school with the most")
        #expect(!targets.assess([]).over, "a county without classes is within every target")
    }
}
