/// How per-pupil public funding (生均公用经费, 钱随人走, DOMAIN.md §5) follows a pupil who moves during
/// a term: by the census date (the school holding the pupil that day gets the term's money), or pro
/// rata by the days at each school. A province setting (`funding_pro_rata`, 0 or 1); the census date
/// of a term is its first day (for the autumn term, 1 September, the statistics' stock date).
public struct FundingRules: Sendable, Equatable {
    public var proRata = false

    public init() {}

    public static let names: [(name: String, range: ClosedRange<Int>)] = [("funding_pro_rata", 0...1)]

    public init(overrides: [String: String]) {
        proRata = overrides["funding_pro_rata"] == "1"
    }
}
