/// The kind of school (学校类型, DOMAIN.md §2). Raw values are the API's words.
public enum SchoolType: String, Sendable, CaseIterable {
    case primary                      // 小学
    case junior                       // 初级中学
    case nineYear = "nine_year"       // 九年一贯制学校
    case completeSecondary = "complete_secondary" // 完全中学
    case senior                       // 高级中学
    case twelveYear = "twelve_year"   // 十二年一贯制学校
    case special                      // 特殊教育学校
    case specialized                  // 专门学校

    public var label: LocalizedText {
        switch self {
        case .primary: return LocalizedText(zh: "小学", en: "Primary school")
        case .junior: return LocalizedText(zh: "初级中学", en: "Junior secondary school")
        case .nineYear: return LocalizedText(zh: "九年一贯制学校", en: "Nine-year school")
        case .completeSecondary: return LocalizedText(zh: "完全中学", en: "Complete secondary school")
        case .senior: return LocalizedText(zh: "高级中学", en: "Senior secondary school")
        case .twelveYear: return LocalizedText(zh: "十二年一贯制学校", en: "Twelve-year school")
        case .special: return LocalizedText(zh: "特殊教育学校", en: "Special education school")
        case .specialized: return LocalizedText(zh: "专门学校", en: "Specialized school")
        }
    }

    /// The grades (1–12: 小学 1–6, 初中 7–9, 高中 10–12) a school of this type may offer.
    ///
    /// The ranges admit both the 六三制 and the 五四制 layouts (where grade 6 belongs to junior
    /// secondary), because provinces differ; a province's own layout narrows this in its settings.
    public var permittedGrades: ClosedRange<Int> {
        switch self {
        case .primary: return 1...6
        case .junior: return 6...9
        case .nineYear: return 1...9
        case .completeSecondary: return 6...12
        case .senior: return 10...12
        case .twelveYear, .special, .specialized: return 1...12
        }
    }
}

/// Who runs the school (办学性质).
public enum Ownership: String, Sendable, CaseIterable {
    case `public`   // 公办
    case `private`  // 民办
}

/// Urban/rural class of the school's site (城乡分类), which decides meal-subsidy eligibility.
public enum Locality: String, Sendable, CaseIterable {
    case urban  // 城区
    case town   // 镇区
    case rural  // 乡村
}
