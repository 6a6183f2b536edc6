import XuejiCore
import XuejiStore

/// Answers "is this inside that scope" when a school's county must be looked up.
struct ScopeCheck {
    let database: any Database

    /// Whether `inner` lies inside `outer`: a division inside a division's subtree, or a school whose
    /// county lies inside it, or the same school.
    func contains(_ outer: Scope, _ inner: Scope) throws -> Bool {
        switch (outer, inner) {
        case (.division(let o), .division(let i)): return o.contains(i)
        case (.school(let o), .school(let i)): return o == i
        case (.school, .division): return false
        case (.division(let o), .school(let code)):
            guard let school = try database.read({ try SchoolRepository($0).get(code) }) else { return false }
            return o.contains(school.region)
        }
    }
}
