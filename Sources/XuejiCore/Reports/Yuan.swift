/// Money as people write it in a ledger ("1,234.5", "１２３４.５０", "-300") read into fen, the unit
/// every figure is kept in (DOMAIN.md §5). At most two decimals; no rounding, so a typed amount is
/// either taken exactly or refused.
public enum Yuan {
    public static func fen(_ text: String) -> Int64? {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)   // full-width digits
            case 0xFF0E: digits.append(".")
            case 0xFF0D: digits.append("-")
            case 0x2C, 0xFF0C, 0x20, 0x3000, 0xA5, 0xFFE5: continue                                          // thousands separators, blanks, ¥
            default: digits.unicodeScalars.append(scalar)
            }
        }
        if digits.hasSuffix("元") { digits.removeLast() }
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12, parts[0].allSatisfy(\.isASCII), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let fen = whole * 100 + cents
        return negative ? -fen : fen
    }

    /// Fen as yuan with two decimals ("1234.50").
    public static func text(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : "", magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
