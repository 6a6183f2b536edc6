/// Working days (工作日, DOMAIN.md §4): Monday to Friday, less public holidays, plus the weekend
/// days worked in exchange (调休). Holidays and make-up days are data, one list per year.
public struct WorkingCalendar: Sendable {
    public enum Kind: String, Sendable { case holiday, workday }

    private let exceptions: [Int: Kind]
    /// The years the data covers; outside them only weekends are known.
    public let years: Set<Int>

    public init(exceptions: [CivilDate: Kind]) {
        var table: [Int: Kind] = [:]
        for (date, kind) in exceptions { table[date.daysSinceEpoch] = kind }
        self.exceptions = table
        years = Set(exceptions.keys.map(\.year))
    }

    /// Parses `date,kind,name` lines (the shipped `working-calendar.csv`, or a later year's file).
    public init(csv: String) {
        var entries: [CivilDate: Kind] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count >= 2, let date = CivilDate(String(f[0])), let kind = Kind(rawValue: String(f[1])) else { continue }
            entries[date] = kind
        }
        self.init(exceptions: entries)
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        let day = date.daysSinceEpoch
        if let kind = exceptions[day] { return kind == .workday }
        let weekday = ((day % 7) + 7 + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        return weekday < 5
    }

    /// The day by which something opened on `start` is due when it must be done within `count`
    /// working days: the `count`-th working day after `start` (the opening day itself not counted).
    public func due(after start: CivilDate, workingDays count: Int) -> CivilDate {
        var day = start.daysSinceEpoch, left = count
        while left > 0 {
            day += 1
            if isWorkingDay(CivilDate(daysSinceEpoch: day)) { left -= 1 }
        }
        return CivilDate(daysSinceEpoch: day)
    }
}
