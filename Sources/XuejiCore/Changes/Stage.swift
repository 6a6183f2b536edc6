/// The stage a grade belongs to (学段): 小学 1–6, 初中 7–9, 高中 10–12. Compulsory education is
/// the first two (DOMAIN.md §4 rules on repetition, dropout and withdrawal depend on it).
///
/// Grades are counted in the 六三制 layout; a 五四制 province (grade 6 in junior secondary) would set
/// its own boundaries in ProvinceSettings when one is added.
public enum Stage: String, Sendable {
    case primary, junior, senior

    public init(grade: Int) {
        switch grade {
        case ...6: self = .primary
        case 7...9: self = .junior
        default: self = .senior
        }
    }

    public var isCompulsory: Bool { self != .senior }

    /// The last grade of the stage, from which a pupil progresses to the next stage.
    public var finalGrade: Int {
        switch self {
        case .primary: return 6
        case .junior: return 9
        case .senior: return 12
        }
    }

    public var label: LocalizedText {
        switch self {
        case .primary: return LocalizedText(zh: "小学", en: "primary")
        case .junior: return LocalizedText(zh: "初中", en: "junior secondary")
        case .senior: return LocalizedText(zh: "高中", en: "senior secondary")
        }
    }
}
