import XuejiCore

/// The working-day calendar as stored: one row per holiday or make-up working day.
public struct CalendarRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func calendar() throws -> WorkingCalendar {
        var entries: [CivilDate: WorkingCalendar.Kind] = [:]
        for row in try connection.query("SELECT day, kind FROM calendar_days", []) {
            if let day = row[0].string.flatMap(CivilDate.init), let kind = row[1].string.flatMap(WorkingCalendar.Kind.init) { entries[day] = kind }
        }
        return WorkingCalendar(exceptions: entries)
    }

    /// Adds or replaces the days of a `date,kind,name` file (header first, as the shipped one).
    /// Returns the number of days stored; a line that does not parse is an error naming its number,
    /// and nothing is stored (the caller's transaction rolls back).
    public func importCSV(_ text: String) throws -> Int {
        var count = 0
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = String(line).trimmedBlanks
            if index == 0 || trimmed.isEmpty { continue }
            let f = trimmed.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2, let day = CivilDate(f[0]), WorkingCalendar.Kind(rawValue: f[1]) != nil else {
                throw CalendarFileError(line: index + 1, text: String(trimmed.prefix(80)))
            }
            try connection.execute("DELETE FROM calendar_days WHERE day = ?", .text(day.description))
            try connection.execute("INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)",
                                   .text(day.description), .text(f[1]), .text(f.count > 2 ? f[2] : ""))
            count += 1
        }
        return count
    }
}

/// A calendar file line that is not `YYYY-MM-DD,holiday|workday,name`.
public struct CalendarFileError: Error, Sendable {
    public let line: Int
    public let text: String
}
