import Testing
@testable import XuejiServices

/// Masks of API.md "Masking": the division code and last four of an ID, the first three and last
/// four of a phone; values too short to keep both ends are starred whole.
struct MaskingTests {
    @Test func residentIDKeepsDivisionAndLastFour() {
        #expect(PupilView.maskID("11010520170301002X") == "110105********002X")
        #expect(PupilView.maskID(nil) == nil)
        #expect(PupilView.maskID("1234567890") == "**********")
        #expect(PupilView.maskID("12345678901") == "123456*8901")
    }

    @Test func phoneKeepsFirstThreeAndLastFour() {
        #expect(PupilView.maskPhone("13812345678") == "138****5678")
        #expect(PupilView.maskPhone("1234567") == "*******")
        #expect(PupilView.maskPhone("") == "")
    }

    @Test func nonASCIIIsMaskedByCharacter() {
        #expect(PupilView.maskID("护照号码一二三四五六七八") == "护照号码一二**五六七八")
    }
}
