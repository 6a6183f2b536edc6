/// Which attendance alerts a pupil's standing calls for (DOMAIN.md §5), by the province's rules.
public enum DropoutCheck {
    /// (kind, detail) pairs; the caller opens each unless one of its kind is open already.
    public static func alerts(_ standing: AttendanceStanding, grade: Int, rules: DropoutRules) -> [(String, String)] {
        var out: [(String, String)] = []
        if standing.currentStreak >= rules.suspectAfterDays {
            out.append(("suspected_dropout", "\(standing.currentStreak) consecutive unexcused school days"))
        }
        if standing.currentStreak >= rules.warnAfterDays {
            out.append(("unexcused_warning", "\(standing.currentStreak) consecutive unexcused school days"))
        }
        if grade >= 10 && (standing.currentStreak >= rules.seniorConsecutiveDays || standing.unexcusedDays >= rules.seniorCumulativeDays) {
            out.append(("senior_truancy", "\(standing.currentStreak) in a row, \(standing.unexcusedDays) this term"))
        }
        if standing.recordedDays >= rules.neverAttendedDays && standing.attendedDays == 0 {
            out.append(("never_attended", "no attendance on \(standing.recordedDays) recorded school days"))
        }
        return out
    }
}
