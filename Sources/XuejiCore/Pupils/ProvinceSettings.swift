/// Rules that vary by province (DOMAIN.md "[province]"), kept as data with the national default and
/// per-province overrides. Later issues add their thresholds here.
public struct ProvinceSettings: Sendable {
    /// Months after the entry date within which the school registers a new pupil (DOMAIN.md §4:
    /// one month; the 2025 revision may allow two).
    public var registrationWindowMonths: Int = 1

    public init() {}

    /// Overrides by two-digit province code. Empty: every province uses the national defaults.
    public static let overrides: [String: ProvinceSettings] = [:]

    public static func forProvince(_ province: String) -> ProvinceSettings { overrides[province] ?? ProvinceSettings() }

    /// The last day of the registration window for a pupil entering on `entry`.
    public func registrationDue(entry: CivilDate) -> CivilDate {
        var year = entry.year, month = entry.month + registrationWindowMonths
        while month > 12 { month -= 12; year += 1 }
        let day = min(entry.day, CivilDate.daysIn(month: month, year: year))
        return CivilDate(year: year, month: month, day: day) ?? entry
    }
}
