/// The kinds of status change (学籍异动, DOMAIN.md §4). Raw values are the API's words; `code` is
/// the national change code (a versioned table: codes change over years and must still line up).
public enum ChangeType: String, Sendable, CaseIterable {
    case transfer                       // 转学: 13 in, 27 out
    case progression                    // 升学
    case suspension                     // 休学 23
    case resumption                     // 复学 12
    case abroad                         // 出境 [assumed code 29]
    case repetition                     // 留级 33
    case skipGrade = "skip_grade"       // 跳级 34
    case classChange = "class_change"   // 调班 32
    case dropout                        // 辍学 28
    case withdrawal                     // 退学 24
    case expulsion                      // 开除 25
    case death                          // 死亡 26

    /// The national change code (DOMAIN.md §4 "Change codes").
    public var code: String {
        switch self {
        case .transfer: return "13"
        case .progression: return "11"
        case .suspension: return "23"
        case .resumption: return "12"
        case .abroad: return "29"
        case .repetition: return "33"
        case .skipGrade: return "34"
        case .classChange: return "32"
        case .dropout: return "28"
        case .withdrawal: return "24"
        case .expulsion: return "25"
        case .death: return "26"
        }
    }

    public var label: LocalizedText {
        switch self {
        case .transfer: return LocalizedText(zh: "转学", en: "Transfer")
        case .progression: return LocalizedText(zh: "升学", en: "Progression to the next stage")
        case .suspension: return LocalizedText(zh: "休学", en: "Suspension")
        case .resumption: return LocalizedText(zh: "复学", en: "Resumption")
        case .abroad: return LocalizedText(zh: "出境", en: "Going abroad")
        case .repetition: return LocalizedText(zh: "留级", en: "Repeating a grade")
        case .skipGrade: return LocalizedText(zh: "跳级", en: "Skipping a grade")
        case .classChange: return LocalizedText(zh: "调班", en: "Class change")
        case .dropout: return LocalizedText(zh: "辍学", en: "Dropout")
        case .withdrawal: return LocalizedText(zh: "退学", en: "Withdrawal")
        case .expulsion: return LocalizedText(zh: "开除", en: "Expulsion")
        case .death: return LocalizedText(zh: "死亡", en: "Death")
        }
    }
}
