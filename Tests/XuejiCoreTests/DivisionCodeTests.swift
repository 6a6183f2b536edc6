import Testing
@testable import XuejiCore

struct DivisionCodeTests {
    @Test func levelsAreReadFromTrailingZeroPairs() throws {
        #expect(try #require(DivisionCode("110000")).level == .province)
        #expect(try #require(DivisionCode("110100")).level == .prefecture)
        #expect(try #require(DivisionCode("110105")).level == .county)
        #expect(DivisionCode.nation.level == .nation)
    }

    @Test func twelveDigitFormIsCutToSix() throws {
        #expect(try #require(DivisionCode("110105000000")).rawValue == "110105")
        #expect(DivisionCode("110105001000") == nil)  // a township is not a county
    }

    @Test(arguments: ["", "11010", "1101055", "11010a", "１１０１０５", " 110105"])
    func malformedCodesAreRefused(_ text: String) {
        #expect(DivisionCode(text) == nil)
    }

    @Test func subtreeContainment() throws {
        let province = try #require(DivisionCode("410000")), prefecture = try #require(DivisionCode("410100"))
        let county = try #require(DivisionCode("410102")), other = try #require(DivisionCode("420102"))
        #expect(province.contains(county) && prefecture.contains(county) && county.contains(county))
        #expect(!prefecture.contains(province) && !province.contains(other))
        #expect(DivisionCode.nation.contains(other))
    }
}

struct ScopeTests {
    @Test func schoolScopeContainsOnlyThatSchool() throws {
        let school = try #require(SchoolCode("4101020001")), county = try #require(DivisionCode("410102"))
        #expect(Scope.school(school).contains(school: school, in: county))
        #expect(!Scope.school(school).contains(school: try #require(SchoolCode("4101020002")), in: county))
        #expect(!Scope.school(school).contains(division: county))
    }

    @Test func divisionScopeContainsSchoolsOfItsCounties() throws {
        let school = try #require(SchoolCode("4101020001"))
        #expect(try #require(Scope("410100")).contains(school: school, in: try #require(DivisionCode("410102"))))
        #expect(!(try #require(Scope("410200")).contains(school: school, in: try #require(DivisionCode("410102")))))
    }

    @Test func parsesDivisionOrSchoolCodes() {
        #expect(Scope("000000") == .division(.nation))
        #expect(Scope("4101020001") != nil)
        #expect(Scope("410102000000") == nil)  // scopes use the 6-digit form only
        #expect(Scope("abc") == nil)
    }
}
