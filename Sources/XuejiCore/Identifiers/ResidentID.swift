/// A resident identity card number (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit
/// birth date, 3-digit sequence (odd for men, even for women) and a MOD 11-2 check character.
///
/// Parsing normalises what people type (full-width digits, a lower-case or full-width x, spaces) and
/// then checks everything; a `ResidentID` value is always valid.
///
/// ```swift
/// let id = try ResidentID(parsing: "11010519491231002x", today: today, divisions: history).get()
/// id.rawValue   // "11010519491231002X"
/// id.birthDate  // 1949-12-31
/// ```
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public let birthDate: CivilDate
    /// "1" male, "2" female (GB/T 2261.1), from the parity of the 17th digit.
    public let sex: String
    /// The division code of the day the ID was issued.
    public var region: String { String(rawValue.prefix(6)) }
    public var description: String { rawValue }

    /// Weights of digits 1–17 (GB 11643-1999 §7.2).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    /// The check character for 17 digits.
    public static func checkCharacter(for digits: [UInt8]) -> Character {
        var sum = 0
        for (d, w) in zip(digits, weights) { sum += Int(d - 48) * w }
        return checkCharacters[sum % 11]
    }

    /// What people type, in the canonical form: ASCII digits and an upper-case X, no blanks.
    public static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x3000, 0x2D: continue                      // blanks, ideographic space, hyphen
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)  // ０–９
            case 0x78, 0xFF58, 0xFF38: out.append("X")                    // x, ｘ, Ｘ
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The failures of one number, in the order a person would fix them. Length or characters stop
    /// the check; check character, birth date and region are all reported together.
    public static func problems(in text: String, today: CivilDate, divisions: DivisionHistory) -> (ResidentID?, [IdentityProblem]) {
        let normalized = normalize(text)
        let bytes = Array(normalized.utf8)
        guard bytes.count == 18 else { return (nil, [.length(bytes.count)]) }
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        guard bytes[0..<17].allSatisfy(isDigit), isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X") else { return (nil, [.charset]) }
        var problems: [IdentityProblem] = []
        let expected = checkCharacter(for: Array(bytes[0..<17]))
        if Character(Unicode.Scalar(bytes[17])) != expected { problems.append(.checkDigit) }
        let digits = { (r: Range<Int>) in Int(String(decoding: bytes[r], as: UTF8.self))! }
        let birth = CivilDate(year: digits(6..<10), month: digits(10..<12), day: digits(12..<14))
        if birth == nil || birth! > today { problems.append(.birthDate) }
        let region = String(decoding: bytes[0..<6], as: UTF8.self)
        if let birth, !divisions.wasValid(region, in: birth.year) { problems.append(.region) }
        guard problems.isEmpty, let birth else { return (nil, problems) }
        return (ResidentID(rawValue: normalized, birthDate: birth, sex: (bytes[16] - 48) % 2 == 1 ? "1" : "2"), [])
    }

    private init(rawValue: String, birthDate: CivilDate, sex: String) {
        self.rawValue = rawValue
        self.birthDate = birthDate
        self.sex = sex
    }
}

/// Why a resident ID number is not valid. The codes are part of the API (API.md "Identity check").
public enum IdentityProblem: Sendable, Hashable {
    case length(Int)
    case charset
    case checkDigit
    case birthDate
    case region

    public var code: String {
        switch self {
        case .length: return "id_length"
        case .charset: return "id_charset"
        case .checkDigit: return "id_check_digit"
        case .birthDate: return "id_birth_date"
        case .region: return "id_region"
        }
    }

    public var message: LocalizedText {
        switch self {
        case .length(let n):
            return LocalizedText(zh: "身份证号应为18位，现为\(n)位。", en: "A resident ID has 18 characters, not \(n).")
        case .charset:
            return LocalizedText(zh: "身份证号前17位须为数字，末位为数字或X。", en: "The first 17 characters are digits and the last is a digit or X.")
        case .checkDigit:
            return LocalizedText(zh: "身份证号校验位不正确，请核对。", en: "The check character does not match; please check the number.")
        case .birthDate:
            return LocalizedText(zh: "身份证号中的出生日期不是有效日期或晚于今天。", en: "The birth date in the number is not a real date, or lies in the future.")
        case .region:
            return LocalizedText(zh: "身份证号前6位不是出生年份有效的行政区划代码。", en: "The first 6 digits are not a division code valid in the birth year.")
        }
    }
}
