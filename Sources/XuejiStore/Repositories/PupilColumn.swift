/// The columns a pupil record is read with, in select order. A record is decoded by position
/// (`row[.name]`), not by name: a lookup by name hashes the name, and a record has 38 columns, read
/// on every lookup and every list row.
enum PupilColumn: Int, CaseIterable {
    case id, number, status, approval, grade, name, sex, birthDate, birthplace, nativePlace, ethnicity
    case nationality, idType, idNumber, overseas, health, hukouPlace, hukouNature, entryDate, entryMode
    case studyMode, address, phone, onlyChild, preschool, leftBehind, migrant, orphan, martyrFamily
    case disability, registrationDue, registeredLate, registeredAt, version
    case schoolCode, schoolName, schoolRegion, className

    /// The SQL expression of this column over `pupils p`, `schools s` and `classes c`.
    var expression: String {
        switch self {
        case .schoolCode: return "s.code AS school_code"
        case .schoolName: return "s.name AS school_name"
        case .schoolRegion: return "s.region AS school_region"
        case .className: return "c.name AS class_name"
        default: return "p." + Self.snakeCase(String(describing: self))
        }
    }

    /// The select list, in case order, so that position `rawValue` is this column.
    static let selectList = allCases.map(\.expression).joined(separator: ", ")

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}

extension Row {
    subscript(_ column: PupilColumn) -> SQLValue { values[column.rawValue] }
    func string(_ column: PupilColumn) -> String? { self[column].string }
    func text(_ column: PupilColumn) -> String { self[column].string ?? "" }
    func int64(_ column: PupilColumn) -> Int64? { self[column].int64 }
    func int(_ column: PupilColumn) -> Int? { self[column].int64.map { Int($0) } }
    func bool(_ column: PupilColumn) -> Bool { (self[column].int64 ?? 0) != 0 }
}
