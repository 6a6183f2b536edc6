/// The preconditions of each change type (DOMAIN.md §4 "Preconditions for any change" and the
/// sections per type), as pure functions of the pupil's state; the service supplies the state.
public enum ChangeRules {
    /// The statuses a pupil may have when a change of this type is filed.
    public static func allowedStatuses(for type: ChangeType) -> Set<PupilStatus> {
        switch type {
        case .resumption: return [.suspended, .abroad]
        // A renewal is a new suspension (or stay abroad) filed while the first one runs.
        case .suspension: return [.active, .suspended]
        case .abroad: return [.active, .abroad]
        case .death: return [.active, .suspended, .abroad, .droppedOut]
        // Suspended, dropped-out and left pupils cannot transfer; every other change needs 在校.
        default: return [.active]
        }
    }

    /// Refuses a change the pupil's status, problem records or stage do not allow.
    public static func check(_ type: ChangeType, status: PupilStatus, grade: Int, openProblem: Bool) throws {
        guard allowedStatuses(for: type).contains(status) else { throw ChangeRefusal.pupilNotActive(status) }
        if openProblem { throw ChangeRefusal.problemRecord }
        switch type {
        case .dropout, .withdrawal, .expulsion:
            // Senior stage only; a compulsory-stage pupil who stops coming is followed by dropout
            // control (控辍保学) and keeps the record.
            if Stage(grade: grade).isCompulsory { throw ChangeRefusal.notAllowedInStage(type, grade: grade) }
        case .progression:
            let stage = Stage(grade: grade)
            if stage == .senior || grade != stage.finalGrade { throw ChangeRefusal.notAllowedInStage(type, grade: grade) }
        default: break
        }
    }

    /// The grade a repetition or skip leads to, refusing it outside the allowed grades or across a
    /// stage (DOMAIN.md §4 "Repetition", "Skip grade"). Nil for the other types.
    public static func targetGrade(_ type: ChangeType, from grade: Int, settings: ProvinceSettings) throws -> Int? {
        let target: Int, allowed: Set<Int>
        switch type {
        case .repetition: target = grade - 1; allowed = settings.repetitionGrades
        case .skipGrade: target = grade + 1; allowed = settings.skipGrades
        default: return nil
        }
        guard allowed.contains(grade), Stage(grade: target) == Stage(grade: grade) else {
            throw ChangeRefusal.notAllowedInStage(type, grade: grade)
        }
        return target
    }

    /// How many pupils of a grade of `size` may repeat or skip in one school year (2 %, rounded down).
    public static func quota(gradeSize: Int, settings: ProvinceSettings) -> Int {
        Int((Double(gradeSize) * settings.repetitionMaxShare).rounded(.down))
    }

    /// The status a completed change leaves the pupil in, when it changes it.
    public static func resultingStatus(_ type: ChangeType) -> PupilStatus? {
        switch type {
        case .suspension: return .suspended
        case .abroad: return .abroad
        case .resumption, .transfer, .progression: return .active
        case .dropout: return .droppedOut
        case .withdrawal: return .withdrawn
        case .expulsion: return .expelled
        case .death: return .deceased
        case .repetition, .skipGrade, .classChange: return nil
        }
    }

    /// The membership exit code a completed change closes the current membership with, and whether
    /// a new membership opens (grade, class or school change) — DOMAIN.md §4 "Change codes".
    public static func membershipCodes(_ type: ChangeType) -> (exit: String, entry: String?)? {
        switch type {
        case .transfer: return ("27", "13")
        case .progression: return ("21", "11")
        case .resumption: return ("12", "12")
        case .repetition: return ("33", "33")
        case .skipGrade: return ("34", "34")
        case .classChange: return ("32", "32")
        case .dropout: return ("28", nil)
        case .withdrawal: return ("24", nil)
        case .expulsion: return ("25", nil)
        case .death: return ("26", nil)
        // A suspended pupil still belongs to the school; the status says why he is not in class.
        case .suspension, .abroad: return nil
        }
    }
}
