/// Spreadsheet cells as people fill them in, turned into the values the record checker expects
/// (API.md "Import template": 是/否 or 1/0; dates as 2019-05-01, 20190501, 2019/5/1, 2019年5月1日 or
/// an Excel date serial; 入学年月 as 2026-09 or 202609).
public enum CellParsing {
    /// Yes/no, or nil when the cell says neither.
    public static func flag(_ text: String) -> Bool? {
        switch text.trimmedBlanks.lowercased() {
        case "是", "1", "y", "yes", "true", "有": return true
        case "否", "0", "n", "no", "false", "无", "": return false
        default: return nil
        }
    }

    /// A date in any of the accepted spellings, as `YYYY-MM-DD`; nil when none fits.
    public static func date(_ text: String) -> CivilDate? {
        let t = text.trimmedBlanks
        if let d = CivilDate(t) { return d }
        let digits = t.unicodeScalars.allSatisfy { $0.properties.numericType != nil && $0.isASCII }
        if digits, t.count == 8, let y = Int(t.prefix(4)), let m = Int(t.dropFirst(4).prefix(2)), let d = Int(t.suffix(2)) {
            return CivilDate(year: y, month: m, day: d)
        }
        // An Excel date serial: days since 1899-12-30 (Excel's 1900 leap-year bug is before 1 March
        // 1900 and cannot matter for pupils). Only plausible serials, so a stray number is not a date.
        if let serial = Double(t), serial >= 3_000, serial < 80_000, serial == serial.rounded(.down) {
            return CivilDate(daysSinceEpoch: Int(serial) - 25_569)
        }
        let parts = fields(t)
        if parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], y > 1900 { return CivilDate(year: y, month: m, day: d) }
        return nil
    }

    /// 入学年月: a month (`2026-09`, `202609`, `2026年9月`, `2026/9`) as its first day, or a full date.
    public static func month(_ text: String) -> CivilDate? {
        let t = text.trimmedBlanks
        if t.count == 6, let y = Int(t.prefix(4)), let m = Int(t.suffix(2)) { return CivilDate(year: y, month: m, day: 1) }
        let parts = fields(t)
        if parts.count == 2, let y = parts[0], let m = parts[1], y > 1900 { return CivilDate(year: y, month: m, day: 1) }
        return date(t)
    }

    /// The numbers of a date written with 年/月/日, slashes, dots or hyphens.
    static func fields(_ text: String) -> [Int?] {
        let separators: Set<Character> = ["年", "月", "日", "/", ".", "-"]
        return text.split(whereSeparator: { separators.contains($0) }).map { Int(String($0).trimmedBlanks) }
    }

    /// A grade as a number (3), or as 三年级 / 初一 / 高二.
    public static func grade(_ text: String) -> Int? {
        let t = text.trimmedBlanks
        if let n = Int(t), (1...12).contains(n) { return n }
        let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        if t.hasSuffix("年级"), let first = t.first, let n = numerals[first], t.count == 3 { return n }
        if t.count == 2, let n = numerals[t.last!] {
            if t.hasPrefix("初"), n <= 3 { return 6 + n }
            if t.hasPrefix("高"), n <= 3 { return 9 + n }
        }
        return nil
    }
}
