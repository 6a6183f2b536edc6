/// A calendar date without time or zone (`YYYY-MM-DD`), as the registry stores birth and entry dates.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A real date of the proleptic Gregorian calendar, or nil (2019-02-30 is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly.
    public init?(_ text: String) {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        guard let (y, m, d) = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? nil else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` read from the bytes: dates are parsed for every stored record, and splitting
    /// strings showed up in profiles.
    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var value = (0, 0, 0)
        for i in 0..<10 where i != 4 && i != 7 {
            let c = b[i]
            guard c >= 48 && c <= 57 else { return nil }
            let digit = Int(c - 48)
            if i < 4 { value.0 = value.0 * 10 + digit } else if i < 7 { value.1 = value.1 * 10 + digit } else { value.2 = value.2 * 10 + digit }
        }
        return value
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, written digit by digit: every record read formats several dates, and string
    /// interpolation with padding cost about 4 k instructions each.
    public var description: String {
        let digits: [UInt8] = [
            UInt8(48 + year / 1000), UInt8(48 + year / 100 % 10), UInt8(48 + year / 10 % 10), UInt8(48 + year % 10), 45,
            UInt8(48 + month / 10), UInt8(48 + month % 10), 45, UInt8(48 + day / 10), UInt8(48 + day % 10),
        ]
        return String(decoding: digits, as: UTF8.self)
    }

    /// The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb).
    public func adding(months: Int) -> CivilDate {
        var year = self.year, month = self.month + months
        while month > 12 { month -= 12; year += 1 }
        let day = min(self.day, CivilDate.daysIn(month: month, year: year))
        return CivilDate(year: year, month: month, day: day) ?? self
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}
