/// Class-size bands (DOMAIN.md §5 "Class and school size"): up to 45 is normal, 46–55 large-ish,
/// 56–65 大班额 (large), 66 and more 超大班额 (super-large). National figures; kept as data here so a
/// change of the rule is one edit.
public enum ClassSizeBands {
    public static let bands: [(code: String, upTo: Int)] = [("up_to_45", 45), ("46_55", 55), ("56_65", 65), ("66_plus", Int.max)]

    /// The band of a class of `pupils`.
    public static func band(_ pupils: Int) -> Int { bands.firstIndex { pupils <= $0.upTo } ?? bands.count - 1 }

    /// 大班额 and 超大班额: the classes the national targets count.
    public static func isLarge(_ pupils: Int) -> Bool { pupils >= 56 }

    /// A senior school above this many pupils is super-large.
    public static let superLargeSeniorSchool = 3_000
}
