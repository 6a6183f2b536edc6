import XuejiCore
import XuejiStore

/// Reference data the checks need, loaded once at start: the dated division codes shipped with the
/// build, and today's divisions from the database.
public struct ReferenceData: Sendable {
    public let history: DivisionHistory
    public let currentDivisions: Set<String>

    public static func load(_ database: any Database) throws -> ReferenceData {
        let codes = try database.read { try $0.query("SELECT code FROM regions", []) }.compactMap { $0.string("code") }
        return ReferenceData(history: try .shipped(), currentDivisions: Set(codes))
    }

    /// The checker for a given day.
    public func rules(today: CivilDate) -> PupilRules {
        let current = currentDivisions
        return PupilRules(today: today, divisions: history, isCurrentDivision: { current.contains($0) })
    }
}

extension Clock {
    /// Today in China (UTC+8): school deadlines follow Beijing time.
    public var today: CivilDate { CivilDate(daysSinceEpoch: Int((now() + 8 * 3_600_000) / 86_400_000)) }
}
