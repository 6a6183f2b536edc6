/// Small-cell suppression for analysts (issue 4): a count of 1 to 4 pupils could point at a person
/// (the only girl in grade 9 of a small county), so analysts see such a cell as hidden.
///
/// Hiding one cell is not enough when totals are shown: the row total minus the other cells gives
/// it back. So a second, complementary cell is hidden in every row and column that has exactly one
/// hidden cell (the smallest other cell, to lose the least information), repeated until no row or
/// column has exactly one. Totals themselves are shown unless they are small too. Zero is shown: it
/// names nobody. This is the classic primary + complementary scheme of statistical offices; it is
/// not proof against every combination of published tables, which is why analysts never get rows.
public enum SmallCellSuppression {
    public static let threshold = 5

    public static func isSmall(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// The table with hidden cells as nil. `table` is rows × columns (all rows the same length).
    public static func apply(_ table: [[Int]]) -> [[Int?]] {
        var hidden = table.map { $0.map(isSmall) }
        let rows = table.count, columns = table.first?.count ?? 0
        var changed = true
        while changed {
            changed = false
            for r in 0..<rows where hidden[r].filter({ $0 }).count == 1 && columns > 1 {
                if let c = smallestVisible((0..<columns).map { (index: $0, value: table[r][$0], hidden: hidden[r][$0]) }) {
                    hidden[r][c] = true
                    changed = true
                }
            }
            for c in 0..<columns where (0..<rows).filter({ hidden[$0][c] }).count == 1 && rows > 1 {
                if let r = smallestVisible((0..<rows).map { (index: $0, value: table[$0][c], hidden: hidden[$0][c]) }) {
                    hidden[r][c] = true
                    changed = true
                }
            }
        }
        return (0..<rows).map { r in (0..<columns).map { c in hidden[r][c] ? nil : table[r][c] } }
    }

    /// A total, hidden when it is small itself.
    public static func total(_ value: Int) -> Int? { isSmall(value) ? nil : value }

    /// The smallest cell still shown, preferring cells that are not zero (hiding a zero beside a
    /// hidden cell would still let the total give the hidden one away).
    static func smallestVisible(_ cells: [(index: Int, value: Int, hidden: Bool)]) -> Int? {
        let visible = cells.filter { !$0.hidden }
        let positive = visible.filter { $0.value > 0 }
        return (positive.isEmpty ? visible : positive).min { $0.value < $1.value }?.index
    }
}
