import Testing
import XuejiCore
import XuejiStore

struct WorkingCalendarTests {
    let calendar: WorkingCalendar
    init() throws { calendar = try WorkingCalendar.shipped() }

    func day(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test func theShippedYearsAreThere() {
        #expect(calendar.years == [2025, 2026])
    }

    @Test func weekendsHolidaysAndMakeUpDays() {
        #expect(calendar.isWorkingDay(day("2026-12-04")))          // a Friday
        #expect(!calendar.isWorkingDay(day("2026-12-05")))         // a Saturday
        #expect(!calendar.isWorkingDay(day("2026-10-05")))         // National Day, a Monday
        #expect(calendar.isWorkingDay(day("2026-10-10")))          // a Saturday worked in exchange
        #expect(calendar.isWorkingDay(day("2025-01-26")))          // a Sunday worked before Spring Festival
    }

    /// Ten working days from Thursday 12 February 2026 run across Spring Festival: 13, 14 (Saturday,
    /// worked), 24, 25, 26, 27, 28 (Saturday, worked) February, 2, 3 and 4 March.
    @Test func aDeadlineAcrossSpringFestival() {
        #expect(calendar.due(after: day("2026-02-12"), workingDays: 10) == day("2026-03-04"))
        #expect(calendar.due(after: day("2026-12-04"), workingDays: 10) == day("2026-12-18"))
        #expect(calendar.due(after: day("2026-09-30"), workingDays: 1) == day("2026-10-08"))
    }
}
