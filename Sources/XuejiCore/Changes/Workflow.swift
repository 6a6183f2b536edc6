/// Which party acts at a step, relative to the change (the engine resolves it to a school or a
/// bureau from the pupil's current school, the receiving school, and their counties).
public enum Party: String, Sendable, Hashable {
    /// The pupil's current school (the transfer-out school in a transfer).
    case currentSchool = "current_school"
    /// The current school's 学籍主管部门 (normally its county bureau).
    case currentBureau = "current_bureau"
    /// The receiving school (the transfer-in school, or the school of the next stage).
    case receivingSchool = "receiving_school"
    /// The receiving school's bureau.
    case receivingBureau = "receiving_bureau"

    public var isSchool: Bool { self == .currentSchool || self == .receivingSchool }
}

/// One step of a workflow: a fixed code (never a display name), the party that decides it, and
/// whether proof must be attached when it is taken.
public struct WorkflowStep: Sendable, Hashable {
    public let code: String
    public let party: Party
    public let label: LocalizedText
}

/// A workflow definition as data (issue 5): the ordered steps of one change type in one situation.
/// `ChangeService` runs these; docs/workflows.md is generated from them.
public struct Workflow: Sendable, Hashable {
    public let type: ChangeType
    /// Which situation this variant covers, e.g. "inter_county"; empty when there is only one.
    public let variant: String
    /// The party that starts the change; its step is the first.
    public let initiator: Party
    public let steps: [WorkflowStep]
    /// Whether the initiator must attach proof (the stamped transfer certificate, death proof, …).
    public let proofRequired: Bool
}
