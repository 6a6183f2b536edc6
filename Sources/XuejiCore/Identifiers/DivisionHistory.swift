/// Which division codes existed in which years (行政区划代码沿革), for checking the address part of a
/// resident ID: an ID keeps the code of the day it was issued, so a code retired since is still right
/// for a person born while it was in use (DOMAIN.md §2).
///
/// The data comes from python-stdnum's `stdnum/cn/loc.dat` (docs/data-sources.md); the rule is the
/// same as its `stdnum.cn.ric`: the code must have been valid in the birth year.
public struct DivisionHistory: Sendable {
    public struct Interval: Sendable, Hashable {
        public let from: Int?
        public let to: Int?
        public init(from: Int?, to: Int?) { self.from = from; self.to = to }
        func contains(_ year: Int) -> Bool { (from.map { year >= $0 } ?? true) && (to.map { year <= $0 } ?? true) }
    }

    private let intervals: [String: [Interval]]

    public init(intervals: [String: [Interval]]) { self.intervals = intervals }

    /// Whether `code` (6 digits) named a division in `year`.
    public func wasValid(_ code: String, in year: Int) -> Bool {
        intervals[code]?.contains { $0.contains(year) } ?? false
    }

    /// Whether the code ever existed.
    public func isKnown(_ code: String) -> Bool { intervals[code] != nil }

    public var count: Int { intervals.count }

    /// Parses `code,from,to,name` lines (the shipped `division-history.csv`).
    public init(csv: String) {
        var table: [String: [Interval]] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard f.count >= 3, f[0].count == 6 else { continue }
            table[String(f[0]), default: []].append(Interval(from: Int(f[1]), to: Int(f[2])))
        }
        intervals = table
    }
}
