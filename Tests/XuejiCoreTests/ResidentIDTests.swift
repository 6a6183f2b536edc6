import Testing
@testable import XuejiCore

struct ResidentIDTests {
    let today = CivilDate("2026-12-04")!
    // 110103 崇文区 existed until 2010; 110105 朝阳区 always; 110118 密云区 from 2015.
    let history = DivisionHistory(intervals: [
        "110103": [.init(from: nil, to: 2010)], "110105": [.init(from: nil, to: nil)], "110118": [.init(from: 2015, to: nil)],
    ])

    func check(_ text: String) -> (ResidentID?, [String]) {
        let (id, problems) = ResidentID.problems(in: text, today: today, divisions: history)
        return (id, problems.map(\.code))
    }

    /// A valid number for a 17-digit body.
    func valid(_ body: String) -> String { body + String(ResidentID.checkCharacter(for: Array(body.utf8))) }

    @Test func theStandardsExampleIsValid() throws {
        let id = try #require(check("11010519491231002X").0)
        #expect(id.birthDate.description == "1949-12-31" && id.sex == "2" && id.region == "110105")
    }

    @Test func whatPeopleTypeIsNormalised() {
        #expect(check("11010519491231002x").0?.rawValue == "11010519491231002X")
        #expect(check("１１０１０５１９４９１２３１００２ｘ").0?.rawValue == "11010519491231002X")
        #expect(check(" 110105 19491231 002X ").0?.rawValue == "11010519491231002X")
    }

    @Test func eachFailureHasItsCode() {
        #expect(check("11010519491231002").1 == ["id_length"])
        #expect(check("1101051949123100AX").1 == ["id_charset"])
        #expect(check("110105194912310021").1 == ["id_check_digit"])
        #expect(check(valid("11010520190230001")).1 == ["id_birth_date"])    // 2019-02-30
        #expect(check(valid("11010520300101001")).1 == ["id_birth_date"])    // in the future
        #expect(check(valid("99999920100101001")).1 == ["id_region"])
    }

    @Test func aRetiredCodeIsValidForPeopleBornWhileItExisted() {
        #expect(check(valid("11010320050101001")).0 != nil)      // 崇文区, born 2005
        #expect(check(valid("11010320150101001")).1 == ["id_region"])  // born after it was merged away
        #expect(check(valid("11011820100101001")).1 == ["id_region"])  // 密云区 before it existed
        #expect(check(valid("11011820160101001")).0 != nil)
    }

    @Test func sexComesFromTheSeventeenthDigit() {
        #expect(check(valid("11010520100101001")).0?.sex == "1")
        #expect(check(valid("11010520100101002")).0?.sex == "2")
    }
}

struct NationalStudentNumberTests {
    @Test func parsesTheThreeForms() {
        #expect(NationalStudentNumber("G11010519491231002X")?.kind == .g)
        #expect(NationalStudentNumber("g11010519491231002x")?.rawValue == "G11010519491231002X")
        #expect(NationalStudentNumber("G110105194912310021") == nil)       // bad check character
        #expect(NationalStudentNumber("L4101052019090112345") == nil)      // 20 characters
        #expect(NationalStudentNumber("L410105201909011234")?.kind == .l)
        #expect(NationalStudentNumber("L410105201902301234") == nil)       // 2019-02-30
    }

    @Test func temporaryNumbersAreNineteenCharacters() {
        let n = NationalStudentNumber.temporary(county: DivisionCode("410105")!, birthDate: CivilDate("2019-09-01")!, random: 42)
        #expect(n.rawValue == "L410105201909010042")
        #expect(NationalStudentNumber(n.rawValue) == n)
    }
}
