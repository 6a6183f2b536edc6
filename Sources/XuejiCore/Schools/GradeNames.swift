/// Class names carry their grade (一年级1班, 初二3班, 高一2班); when a cohort moves up, its class
/// name moves with it (三年级2班 → 四年级2班). Names without a grade word keep their name.
public enum GradeNames {
    static let words = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"]
    static let junior = ["初一", "初二", "初三"]

    /// The name of the class a cohort in `name` (grade `grade`) moves into in grade `grade + 1`.
    public static func advance(_ name: String, from grade: Int) -> String {
        guard (1...11).contains(grade) else { return name }
        if name.hasPrefix(words[grade - 1]) { return words[grade] + name.dropFirst(words[grade - 1].count) }
        if (7...8).contains(grade), name.hasPrefix(junior[grade - 7]) { return junior[grade - 6] + name.dropFirst(2) }
        return name
    }
}
