/// One effective-dated rate of a programme (DOMAIN.md §5), in fen: from its first day to its last
/// (nil: still in force).
public struct ProgrammeRate: Sendable, Equatable {
    public let programme: String
    public let province: String
    public let from: CivilDate
    public let to: CivilDate?
    public let fen: Int64

    public init(programme: String, province: String, from: CivilDate, to: CivilDate?, fen: Int64) {
        self.programme = programme
        self.province = province
        self.from = from
        self.to = to
        self.fen = fen
    }

    public func covers(_ day: CivilDate) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }

    /// Whether two rates of the same programme and province share a day.
    public func overlaps(_ other: ProgrammeRate) -> Bool {
        let endA = to ?? CivilDate(year: 9999, month: 12, day: 31)!, endB = other.to ?? CivilDate(year: 9999, month: 12, day: 31)!
        return from <= endB && other.from <= endA
    }

    public static let programmes: Set<String> = ["meal", "meal_central_award", "living_primary", "living_junior",
                                                 "funding_primary", "funding_junior", "funding_boarder", "funding_special"]
}

/// The rates in force on a day: a province's own rate wins over the national one.
public struct RateBook: Sendable {
    let rates: [ProgrammeRate]
    public init(_ rates: [ProgrammeRate]) { self.rates = rates }

    public func fen(_ programme: String, province: String, on day: CivilDate) -> Int64? {
        let matching = rates.filter { $0.programme == programme && $0.covers(day) }
        return (matching.first { $0.province == province } ?? matching.first { $0.province == "00" })?.fen
    }
}
