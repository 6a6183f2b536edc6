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
    var condition: (sql: String, parameters: [SQLValue]) {
        switch self {
        case .division(let prefix):
            let range = PrefixRange(column: "p.county", prefix: prefix)
            return (range.sql, range.parameters)
        case .school(let code): return ("s.code = ?", [.text(code.rawValue)])
        }
    }
}
