/// Rules that vary by province (DOMAIN.md "[province]"), kept as data with the national default and
/// per-province overrides. Later issues add their thresholds here.
public struct ProvinceSettings: Sendable {
    /// Months after the entry date within which the school registers a new pupil (DOMAIN.md §4:
    /// one month; the 2025 revision may allow two).
    public var registrationWindowMonths: Int = 1
    /// Working days each party has to decide its step of a change (DOMAIN.md §4 "Transfer": 10).
    public var stepWorkingDays: Int = 10
    /// Largest evidence file for a suspension or going abroad (DOMAIN.md §4: 2 MB).
    public var suspensionEvidenceMaxBytes: Int = 2 << 20
    /// Largest proof file for the other change types: the same 2 MB (a scanned, stamped certificate
    /// fits; the national system holds uploads to this size too).
    public var proofMaxBytes: Int = 2 << 20
    /// Longest single suspension or stay abroad, in days (one school year; renewable).
    public var suspensionMaxDays: Int = 366
    /// Grades in which a pupil may repeat or skip (DOMAIN.md §4: not in the compulsory stage nor in
    /// senior grade 3; within the stage, so a repetition from grade 10 would cross into junior).
    public var repetitionGrades: Set<Int> = [11]
    public var skipGrades: Set<Int> = [10, 11]
    /// At most this share of senior grade 2 (grade 11) may repeat in one school (2 %).
    public var repetitionMaxShare: Double = 0.02
    /// Months the old school has to send the paper file after a transfer.
    public var paperFileMonths: Int = 1

    public init() {}

    /// Overrides by two-digit province code. Empty: every province uses the national defaults.
    public static let overrides: [String: ProvinceSettings] = [:]

    public static func forProvince(_ province: String) -> ProvinceSettings { overrides[province] ?? ProvinceSettings() }

    /// The last day of the registration window for a pupil entering on `entry`.
    public func registrationDue(entry: CivilDate) -> CivilDate { entry.adding(months: registrationWindowMonths) }
}
