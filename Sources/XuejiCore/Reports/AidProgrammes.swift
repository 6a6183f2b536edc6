/// The aid programmes (资助, DOMAIN.md §5) and what one term's award is worth.
public enum AidProgrammes {
    public static let codes: Set<String> = ["living_subsidy", "senior_grant"]

    /// The catalogue: each programme with its name and the grades it is for.
    public static let catalogue: [(code: String, name: LocalizedText, grades: ClosedRange<Int>, source: String)] = [
        ("living_subsidy", LocalizedText(zh: "家庭经济困难寄宿生生活补助（两免一补）", en: "Living subsidy for boarders in hardship (two exemptions, one subsidy)"), 1...9,
         "DOMAIN.md §5: primary 1,000 → 1,250, junior 1,250 → 1,500 yuan a year from spring 2024; non-boarders half"),
        ("senior_grant", LocalizedText(zh: "普通高中国家助学金", en: "National grant for senior secondary pupils"), 10...12,
         "DOMAIN.md §5: tiers of 1,000 / 2,000 / 3,000 yuan a year, about 20 % of pupils"),
    ]

    /// Hardship categories a school records with an application.
    public static let hardship: [String: LocalizedText] = [
        "poverty_registered": LocalizedText(zh: "建档立卡家庭", en: "Registered poor household"),
        "minimum_living": LocalizedText(zh: "低保家庭", en: "Minimum-living-allowance household"),
        "special_hardship": LocalizedText(zh: "特困供养", en: "Extreme hardship support"),
        "orphan_or_disabled": LocalizedText(zh: "孤儿或残疾", en: "Orphan or disabled"),
        "other_hardship": LocalizedText(zh: "其他家庭经济困难", en: "Other financial hardship"),
    ]

    /// A term's award in fen: the compulsory living subsidy is half the annual rate of the pupil's
    /// stage in force on the day (non-boarders half of that again); the senior grant is its tier's
    /// 1,000, 2,000 or 3,000 yuan a year, halved.
    public static func termAward(programme: String, grade: Int, boarder: Bool, tier: Int, rates: RateBook, province: String, on day: CivilDate) -> Int64? {
        switch programme {
        case "living_subsidy":
            guard grade <= 9, let annual = rates.fen(grade <= 6 ? "living_primary" : "living_junior", province: province, on: day) else { return nil }
            return boarder ? annual / 2 : annual / 4
        case "senior_grant":
            guard grade >= 10, (1...3).contains(tier) else { return nil }
            return Int64(tier) * 100_000 / 2
        default: return nil
        }
    }
}
