/// A national student number (全国学籍号): always 19 characters (DOMAIN.md §2).
/// - `G` + 18-character resident ID: the formal number of a pupil with a valid ID.
/// - `J` + 6-digit school county + 8-digit birth date + 3-digit sequence + MOD 11-2 check character:
///   the formal number of a pupil without one [assumed: same check as the resident ID].
/// - `L` + 6-digit school county + 8-digit birth date + 4 random digits: the temporary number given
///   at registration, with full legal effect until it becomes G or J.
public struct NationalStudentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: Character, Sendable { case g = "G", j = "J", l = "L" }

    public let rawValue: String
    public var kind: Kind { Kind(rawValue: rawValue.first!)! }
    public var description: String { rawValue }

    /// Parses any of the three forms (upper- or lower-case letter).
    public init?(_ text: String) {
        let upper = text.uppercased()
        let bytes = Array(upper.utf8)
        guard bytes.count == 19, let kind = Kind(rawValue: Character(Unicode.Scalar(bytes[0]))) else { return nil }
        let body = bytes[1...]
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        switch kind {
        case .g:
            guard body.dropLast().allSatisfy(isDigit), isDigit(bytes[18]) || bytes[18] == 88,
                  ResidentID.checkCharacter(for: Array(body.dropLast())) == Character(Unicode.Scalar(bytes[18])) else { return nil }
        case .j:
            guard body.dropLast().allSatisfy(isDigit), isDigit(bytes[18]) || bytes[18] == 88,
                  ResidentID.checkCharacter(for: Array(body.dropLast())) == Character(Unicode.Scalar(bytes[18])) else { return nil }
        case .l:
            guard body.allSatisfy(isDigit) else { return nil }
        }
        let date = { (r: Range<Int>) in Int(String(decoding: bytes[r], as: UTF8.self)) ?? 0 }
        guard CivilDate(year: date(7..<11), month: date(11..<13), day: date(13..<15)) != nil else { return nil }
        rawValue = upper
    }

    /// The formal number of a pupil with a valid resident ID.
    public static func formal(for id: ResidentID) -> NationalStudentNumber {
        NationalStudentNumber(unchecked: "G" + id.rawValue)
    }

    /// A temporary number: school county, birth date, and four digits the caller draws at random
    /// (a collision is retried by the service against the database's unique index).
    public static func temporary(county: DivisionCode, birthDate: CivilDate, random: Int) -> NationalStudentNumber {
        let digits = String(random % 10_000)
        let padded = String(repeating: "0", count: 4 - digits.count) + digits
        return NationalStudentNumber(unchecked: "L" + county.rawValue + birthDate.description.filter { $0 != "-" } + padded)
    }

    private init(unchecked: String) { rawValue = unchecked }

    public static func < (a: NationalStudentNumber, b: NationalStudentNumber) -> Bool { a.rawValue < b.rawValue }
}
