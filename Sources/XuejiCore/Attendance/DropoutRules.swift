/// The dropout-control thresholds (控辍保学, DOMAIN.md §5). No national rule exists: every value is a
/// province setting, stored in `province_settings` and changed by the province's administrators;
/// these are the defaults.
public struct DropoutRules: Sendable, Equatable {
    /// Consecutive unexcused school days that raise a warning.
    public var warnAfterDays = 3
    /// Unexcused school days in a row that mark a suspected dropout (four weeks).
    public var suspectAfterDays = 20
    /// Senior (grades 10–12) withdrawal triggers within one term.
    public var seniorConsecutiveDays = 15
    public var seniorCumulativeDays = 45
    /// Working days a pupil transferred out may wait to be received.
    public var transferReceiveWorkingDays = 20
    /// School days after which an alert the school has not closed passes to the county.
    public var countyAfterDays = 10
    /// School days of a term after which a pupil who never attended is 空挂 (registered, never there).
    public var neverAttendedDays = 10
    /// Days without a logged contact before a left-behind child's record raises an alert.
    public var leftBehindContactDays = 30

    public init() {}

    /// The settings by name, as the API and the table spell them. (Key paths are immutable values;
    /// the compiler cannot see that, hence `nonisolated(unsafe)`.)
    nonisolated(unsafe) public static let names: [(name: String, path: WritableKeyPath<DropoutRules, Int>, range: ClosedRange<Int>)] = [
        ("warn_after_days", \.warnAfterDays, 1...60),
        ("suspect_after_days", \.suspectAfterDays, 2...120),
        ("senior_consecutive_days", \.seniorConsecutiveDays, 1...120),
        ("senior_cumulative_days", \.seniorCumulativeDays, 1...200),
        ("transfer_receive_working_days", \.transferReceiveWorkingDays, 1...120),
        ("county_after_days", \.countyAfterDays, 1...60),
        ("never_attended_days", \.neverAttendedDays, 1...60),
        ("left_behind_contact_days", \.leftBehindContactDays, 1...365),
    ]

    /// The rules with the stored overrides applied (unknown names and bad values are ignored: the
    /// API refuses them before they are stored).
    public init(overrides: [String: String]) {
        self.init()
        for (name, path, range) in Self.names {
            if let text = overrides[name], let value = Int(text), range.contains(value) { self[keyPath: path] = value }
        }
    }
}

/// What a pupil's term of attendance says for dropout control, over the school days so far.
public struct AttendanceStanding: Sendable, Equatable {
    /// Unexcused days in a row ending at the last recorded school day.
    public var currentStreak = 0
    /// The longest such run in the term.
    public var longestStreak = 0
    /// All unexcused days of the term.
    public var unexcusedDays = 0
    /// School days with a register taken for the pupil, and days the pupil was there.
    public var recordedDays = 0
    public var attendedDays = 0

    public init() {}

    /// Walks the school days in order; days without a register neither count nor break a run.
    public init(days: PackedDays, schoolDayOffsets: [Int]) {
        self.init()
        for offset in schoolDayOffsets {
            let mark = days[offset]
            guard mark != .unrecorded else { continue }
            recordedDays += 1
            if mark.attended { attendedDays += 1 }
            if mark == .unexcused {
                unexcusedDays += 1
                currentStreak += 1
                longestStreak = max(longestStreak, currentStreak)
            } else {
                currentStreak = 0
            }
        }
    }
}
