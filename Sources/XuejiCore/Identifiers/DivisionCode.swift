/// An administrative division code (行政区划代码, GB/T 2260): 6 digits, two each for province,
/// prefecture and county. `000000` stands for the whole country (the ministry's scope).
///
/// Parsing checks the shape only; whether the code exists is a question for the region list.
public struct DivisionCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public enum Level: Int, Sendable, Comparable {
        case nation = 0, province = 1, prefecture = 2, county = 3
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public static let nation = DivisionCode(unchecked: "000000")

    /// Accepts 6 ASCII digits, or the 12-digit form (township and village), which is cut to 6.
    public init?(_ text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 6 || digits.count == 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if digits.count == 12 {
            guard digits[6...].allSatisfy({ $0 == 48 }) else { return nil }
        }
        self.rawValue = String(decoding: digits.prefix(6), as: UTF8.self)
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The level this code names, read from its trailing zero pairs.
    public var level: Level {
        if rawValue == "000000" { return .nation }
        if rawValue.hasSuffix("0000") { return .province }
        if rawValue.hasSuffix("00") { return .prefecture }
        return .county
    }

    /// The two-digit province part, the key every pupil-scoped table is partitioned by.
    public var province: String { String(rawValue.prefix(2)) }

    /// The prefix shared by every code inside this division (empty for the nation).
    public var subtreePrefix: String {
        switch level {
        case .nation: return ""
        case .province: return String(rawValue.prefix(2))
        case .prefecture: return String(rawValue.prefix(4))
        case .county: return rawValue
        }
    }

    /// Whether `other` lies in this division's subtree (a division contains itself).
    public func contains(_ other: DivisionCode) -> Bool {
        other.rawValue.hasPrefix(subtreePrefix)
    }

    public static func < (a: DivisionCode, b: DivisionCode) -> Bool { a.rawValue < b.rawValue }
}
