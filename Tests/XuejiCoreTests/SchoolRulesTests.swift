import Testing
@testable import XuejiCore

struct SchoolRulesTests {
    @Test func gradesMustFitTheSchoolType() {
        #expect(SchoolRules.checkGrades([1, 2, 3, 4, 5, 6], type: .primary) == nil)
        #expect(SchoolRules.checkGrades([6, 7, 8, 9], type: .junior) == nil)  // 五四制
        #expect(SchoolRules.checkGrades([7], type: .primary)?.code == "grade_not_permitted")
        #expect(SchoolRules.checkGrades([], type: .senior)?.code == "required")
        #expect(SchoolRules.checkGrades([10, 10], type: .senior)?.code == "duplicate_grade")
    }

    @Test func namesAreTrimmedCheckedForLengthAndControlCharacters() {
        #expect(SchoolRules.checkName("郑州市第一小学", field: "name") == nil)
        #expect(SchoolRules.checkName("\u{3000} ", field: "name")?.code == "required")
        #expect(SchoolRules.checkName(String(repeating: "校", count: 61), field: "name")?.code == "too_long")
        #expect(SchoolRules.checkName("一小\u{0007}", field: "name")?.code == "control_characters")
        #expect(SchoolRules.checkName("一小\u{202E}", field: "name")?.code == "control_characters")
    }
}

struct CivilDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CivilDate("2019-02-28") != nil)
        #expect(CivilDate("2019-02-29") == nil)
        #expect(CivilDate("2020-02-29") != nil)
        #expect(CivilDate("2019-02-30") == nil)
        #expect(CivilDate("2019-2-3") == nil)
        #expect(CivilDate("1900-02-29") == nil)
        #expect(CivilDate("2000-02-29") != nil)
    }

    @Test(arguments: [-800_000, -1, 0, 1, 18_000, 20_819, 2_932_896])
    func daysSinceEpochRoundTrips(_ days: Int) {
        #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
    }

    @Test func knownDays() {
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate("2026-12-04")?.daysSinceEpoch == 20_791)
    }
}

struct LanguageTests {
    @Test func localizedTextPicksTheLanguage() {
        let text = LocalizedText(zh: "学籍", en: "registry")
        #expect(text.text(in: .zh) == "学籍")
        #expect(text.text(in: Language(prefersEnglish: true)) == "registry")
    }
}
