import XuejiCore

/// The part of the tree a pupil query may touch. Every pupil read takes one, so no caller can forget
/// the scope (issue 4: "scope on every query, in one place").
public enum ScopeFilter: Sendable {
    /// Schools whose county code starts with the prefix (empty for the whole country).
    case division(prefix: String)
    case school(SchoolCode)

    public init(_ scope: Scope) {
        switch scope {
        case .division(let d): self = .division(prefix: d.subtreePrefix)
        case .school(let s): self = .school(s)
        }
    }

    /// A condition on `pupils p` (its current county) joined with `schools s`, with its parameters.
    var condition: (sql: String, parameters: [SQLValue]) { condition(unindexed: false) }

    /// The same; `unindexed` (SQLite only) keeps the planner off the scope's indexes when another
    /// condition is the better way in (`+column` is SQLite's idiom for it).
    ///
    /// A province is `p.province = ?` and a prefecture adds its county range to it, so that lists in
    /// number order come straight from `pupils_province(province, number)`; a county is one value
    /// of `p.county`.
    func condition(unindexed: Bool) -> (sql: String, parameters: [SQLValue]) {
        let plus = unindexed ? "+" : ""
        switch self {
        case .division(let prefix) where prefix.utf8.count == 2:
            return ("\(plus)p.province = ?", [.text(prefix)])
        case .division(let prefix) where prefix.utf8.count == 4:
            let range = PrefixRange(column: plus + "p.county", prefix: prefix)
            return ("\(plus)p.province = ? AND \(range.sql)", [.text(String(prefix.prefix(2)))] + range.parameters)
        case .division(let prefix):
            let range = PrefixRange(column: plus + "p.county", prefix: prefix)
            return (range.sql, range.parameters)
        case .school(let code): return ("s.code = ?", [.text(code.rawValue)])
        }
    }
}
