/// A school identification code (学校标识码): 10 digits issued by the ministry, unique nationally.
public struct SchoolCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: SchoolCode, b: SchoolCode) -> Bool { a.rawValue < b.rawValue }
}
