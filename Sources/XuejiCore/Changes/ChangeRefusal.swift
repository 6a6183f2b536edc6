/// The refusals of the change engine (API.md "Changes", refusal codes). Messages carry the national
/// system's code where one exists (DOMAIN.md §4: 2001 bad data, 2002 open business or already left,
/// 2003 problem record), so a registrar can match them with the national system's wording.
public enum ChangeRefusal {
    public static func pupilNotActive(_ status: PupilStatus) -> DomainError {
        DomainError(.conflict, code: "pupil_not_active",
                    message: LocalizedText(zh: "学生当前学籍状态（\(status.rawValue)）不允许办理此业务（2002）。",
                                           en: "The pupil's status (\(status.rawValue)) does not allow this change (2002)."))
    }

    public static let openBusiness = DomainError(.conflict, code: "open_business",
        message: LocalizedText(zh: "该学生有在办业务，须先办结或撤销（2002）。",
                               en: "The pupil already has a change in progress; finish or cancel it first (2002)."))

    public static let problemRecord = DomainError(.conflict, code: "problem_record",
        message: LocalizedText(zh: "该学生是问题学籍，须先处理问题学籍（2003）。",
                               en: "The pupil has an open problem record; resolve it first (2003)."))

    public static func invalidData(_ field: String, zh: String, en: String) -> DomainError {
        DomainError(.invalid, code: "invalid_data", message: LocalizedText(zh: "\(zh)（2001）", en: "\(en) (2001)"),
                    fieldErrors: [FieldError(field: field, code: "invalid_data", message: LocalizedText(zh: zh, en: en))])
    }

    public static func notAllowedInStage(_ type: ChangeType, grade: Int) -> DomainError {
        DomainError(.conflict, code: "not_allowed_in_stage",
                    message: LocalizedText(zh: "\(grade)年级（\(Stage(grade: grade).label.zh)）不能办理\(type.label.zh)。",
                                           en: "\(type.label.en) is not allowed in grade \(grade) (\(Stage(grade: grade).label.en))."))
    }

    public static func quotaExceeded(limit: Int, used: Int) -> DomainError {
        DomainError(.conflict, code: "quota_exceeded",
                    message: LocalizedText(zh: "本校该年级留级/跳级人数已达上限（\(used)/\(limit)）。",
                                           en: "The school's limit for this grade is reached (\(used) of \(limit))."))
    }

    public static let cancelTooLate = DomainError(.conflict, code: "cancel_too_late",
        message: LocalizedText(zh: "业务已办结，学籍已转移，不能撤销。", en: "The change is complete and the record has moved; it can no longer be cancelled."))

    public static let changeClosed = DomainError(.conflict, code: "change_closed",
        message: LocalizedText(zh: "该业务已被退回或撤销。", en: "The change was already rejected or cancelled."))

    public static let stepAlreadyDecided = DomainError(.conflict, code: "step_already_decided",
        message: LocalizedText(zh: "该环节已由他人处理。", en: "This step has already been decided."))

    public static func notYourStep(zh: String, en: String) -> DomainError {
        DomainError(.conflict, code: "not_your_step", message: LocalizedText(zh: zh, en: en))
    }

    public static let reasonRequired = DomainError.validation([FieldError(field: "reason", code: "required",
        message: LocalizedText(zh: "请填写原因。", en: "A reason is required."))])

    public static let proofRequired = DomainError.validation([FieldError(field: "attachments", code: "proof_required",
        message: LocalizedText(zh: "须上传证明材料（PDF、JPEG 或 PNG）。", en: "Attach the proof (PDF, JPEG or PNG)."))])

    public static func proofTooLarge(limit: Int) -> DomainError {
        DomainError.validation([FieldError(field: "attachments", code: "file_too_large",
            message: LocalizedText(zh: "证明材料不能超过 \(limit >> 20) MB。", en: "Proof files may not exceed \(limit >> 20) MB."))])
    }

    public static let nationalNumberRequired = DomainError.validation([FieldError(field: "pupil", code: "national_number_required",
        message: LocalizedText(zh: "跨省转学须填写全国学籍号。", en: "A transfer between provinces needs the national student number."))])
}
