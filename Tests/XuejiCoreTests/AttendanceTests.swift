import Testing
import XuejiCore

@Suite struct PackedDaysTests {
    @Test func twoDaysToAByteEachKeptApart() {
        var days = PackedDays()
        days[0] = .present
        days[1] = .unexcused
        days[7] = .sick
        #expect(days.bytes.count == 4, "slot 7 needs the fourth byte")
        #expect(days[0] == .present && days[1] == .unexcused && days[7] == .sick && days[6] == .unrecorded && days[40] == .unrecorded)
        days[1] = .late
        #expect(days[0] == .present && days[1] == .late, "rewriting one half of a byte leaves the other")
        #expect(PackedDays(days.bytes) == days)
    }

    @Test func aFullTermFitsInUnderOneHundredBytes() {
        var days = PackedDays()
        for offset in 0..<180 { days[offset] = AttendanceMark.allCases[offset % AttendanceMark.allCases.count] }
        #expect(days.bytes.count == 90)
        #expect((0..<180).allSatisfy { days[$0] == AttendanceMark.allCases[$0 % AttendanceMark.allCases.count] })
    }
}

@Suite struct AttendanceStandingTests {
    /// School days at offsets 0, 1, 2, 5, 6 (a weekend between); `marks` in that order.
    static func standing(_ marks: [AttendanceMark]) -> AttendanceStanding {
        let offsets = [0, 1, 2, 5, 6]
        var days = PackedDays()
        for (offset, mark) in zip(offsets, marks) { days[offset] = mark }
        return AttendanceStanding(days: days, schoolDayOffsets: offsets)
    }

    @Test func aRunCountsSchoolDaysAcrossTheWeekend() {
        let s = Self.standing([.present, .unexcused, .unexcused, .unexcused, .unexcused])
        #expect(s.currentStreak == 4 && s.longestStreak == 4 && s.unexcusedDays == 4 && s.attendedDays == 1 && s.recordedDays == 5)
    }

    @Test func anyOtherMarkBreaksTheRunButADayWithoutARegisterDoesNot() {
        #expect(Self.standing([.unexcused, .sick, .unexcused, .unexcused, .late]).currentStreak == 0)
        #expect(Self.standing([.unexcused, .unrecorded, .unexcused, .unexcused, .unexcused]).currentStreak == 4)
        let broken = Self.standing([.unexcused, .unexcused, .personal, .unexcused, .unexcused])
        #expect(broken.currentStreak == 2 && broken.longestStreak == 2 && broken.unexcusedDays == 4)
    }

    @Test func theRulesDecideTheAlerts() {
        var rules = DropoutRules()
        var s = AttendanceStanding()
        s.currentStreak = 3
        s.recordedDays = 3
        s.unexcusedDays = 3
        #expect(DropoutCheck.alerts(s, grade: 2, rules: rules).map(\.0) == ["unexcused_warning"])
        rules.warnAfterDays = 4
        #expect(DropoutCheck.alerts(s, grade: 2, rules: rules).isEmpty)
        s.currentStreak = 20
        s.unexcusedDays = 20
        s.recordedDays = 20
        #expect(Set(DropoutCheck.alerts(s, grade: 2, rules: DropoutRules()).map(\.0)) == ["unexcused_warning", "suspected_dropout", "never_attended"])
        #expect(DropoutCheck.alerts(s, grade: 11, rules: DropoutRules()).map(\.0).contains("senior_truancy"))
        #expect(DropoutRules(overrides: ["warn_after_days": "7", "suspect_after_days": "0", "bogus": "1"]) == {
            var r = DropoutRules(); r.warnAfterDays = 7; return r }(), "out-of-range and unknown overrides are ignored")
    }
}
