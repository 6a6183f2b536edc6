/// The workflows of every change type (DOMAIN.md §4), as data.
public enum Workflows {
    static func step(_ code: String, _ party: Party, zh: String, en: String) -> WorkflowStep {
        WorkflowStep(code: code, party: party, label: LocalizedText(zh: zh, en: en))
    }

    static let inSchool = step("in_school", .receivingSchool, zh: "转入学校", en: "Transfer-in school")
    static let inBureau = step("in_bureau", .receivingBureau, zh: "转入地教育行政部门", en: "Transfer-in bureau")
    static let outSchool = step("out_school", .currentSchool, zh: "转出学校", en: "Transfer-out school")
    static let outBureau = step("out_bureau", .currentBureau, zh: "转出地教育行政部门", en: "Transfer-out bureau")
    static let school = step("school", .currentSchool, zh: "学校", en: "School")
    static let bureau = step("bureau", .currentBureau, zh: "教育行政部门", en: "Bureau")

    /// Every workflow, in the order docs/workflows.md shows them.
    public static let all: [Workflow] = [
        // Between counties (inside or across provinces): in school → in bureau → out school → out bureau.
        Workflow(type: .transfer, variant: "inter_county", initiator: .receivingSchool,
                 steps: [inSchool, inBureau, outSchool, outBureau], proofRequired: true),
        // Both schools under one bureau: in school → out school → the bureau.
        Workflow(type: .transfer, variant: "same_county", initiator: .receivingSchool,
                 steps: [inSchool, outSchool, bureau], proofRequired: true),
        // The receiving school → its bureau → the previous school's bureau (only when another bureau).
        Workflow(type: .progression, variant: "other_bureau", initiator: .receivingSchool,
                 steps: [step("receiving_school", .receivingSchool, zh: "升入学校", en: "Receiving school"),
                         step("receiving_bureau", .receivingBureau, zh: "升入地教育行政部门", en: "Receiving bureau"),
                         step("previous_bureau", .currentBureau, zh: "原学校教育行政部门", en: "Previous school's bureau")], proofRequired: false),
        Workflow(type: .progression, variant: "same_bureau", initiator: .receivingSchool,
                 steps: [step("receiving_school", .receivingSchool, zh: "升入学校", en: "Receiving school"),
                         step("receiving_bureau", .receivingBureau, zh: "升入地教育行政部门", en: "Receiving bureau")], proofRequired: false),
        Workflow(type: .suspension, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: true),
        Workflow(type: .abroad, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: true),
        Workflow(type: .resumption, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        Workflow(type: .repetition, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        Workflow(type: .skipGrade, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        // School only (DOMAIN.md §4 "Class change").
        Workflow(type: .classChange, variant: "", initiator: .currentSchool, steps: [school], proofRequired: false),
        Workflow(type: .dropout, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        Workflow(type: .withdrawal, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        Workflow(type: .expulsion, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: false),
        // Filed with proof within 10 working days; the bureau confirms.
        Workflow(type: .death, variant: "", initiator: .currentSchool, steps: [school, bureau], proofRequired: true),
    ]

    /// The workflow for a change: transfers and progressions depend on whether one bureau covers both schools.
    public static func workflow(for type: ChangeType, sameBureau: Bool) -> Workflow {
        let candidates = all.filter { $0.type == type }
        if candidates.count == 1 { return candidates[0] }
        let variant: String
        switch type {
        case .transfer: variant = sameBureau ? "same_county" : "inter_county"
        default: variant = sameBureau ? "same_bureau" : "other_bureau"
        }
        return candidates.first { $0.variant == variant } ?? candidates[0]
    }
}
